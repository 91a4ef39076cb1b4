"""Conan 2 recipe for tmath, in ConanCenter's header-library style.

`conan create .` builds and runs test_package/. tmath's version comes from
include/tmath/version.hpp, the one place it is written.

The option `kernels` (default False) picks the package:
- False: the header-only library, one package for every configuration (package_id
  cleared); consumers link tmath::tmath.
- True: also the compiled component tmath::kernels (CMake's TMATH_BUILD_KERNELS=ON: the
  GEMM, dot and sum kernels built once per instruction set and chosen at run time), a
  static library built from the exported sources with CMake, one package per
  configuration; consumers link tmath::kernels (tmath::tmath is its header component).
"""
import os
import re

from conan import ConanFile
from conan.tools.build import check_min_cppstd
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout
from conan.tools.files import copy, load, rmdir
from conan.tools.layout import basic_layout

required_conan_version = ">=2.0"


class TmathConan(ConanFile):
    name = "tmath"
    description = "Header-only C++20 tensor math with NumPy broadcasting on xsimd"
    license = "BSD-3-Clause"
    topics = ("tensor", "simd", "linear-algebra", "header-only", "numpy")
    package_type = "header-library"  # configure() makes it a static-library with kernels=True
    settings = "os", "arch", "compiler", "build_type"
    options = {"kernels": [True, False]}
    default_options = {"kernels": False}
    # What a build of tmath::kernels needs; the header-only package copies include/ alone.
    # (Exported whatever the option: options are not known when the recipe is exported.)
    exports_sources = "LICENSE", "include/*", "CMakeLists.txt", "cmake/*", "src/*"
    no_copy_source = True

    def set_version(self):
        text = load(self, os.path.join(self.recipe_folder, "include", "tmath", "version.hpp"))
        parts = [re.search(rf"#define TMATH_VERSION_{p} (\d+)", text).group(1)
                 for p in ("MAJOR", "MINOR", "PATCH")]
        self.version = ".".join(parts)

    def configure(self):
        if self.options.kernels:
            self.package_type = "static-library"

    def layout(self):
        if self.options.kernels:
            cmake_layout(self, src_folder=".")
        else:
            basic_layout(self, src_folder=".")

    def requirements(self):
        # Any xsimd from Debian's 8.1 to the newest 14.x: tmath's simd/ shims cover them.
        # (transitive_headers: tmath's public headers include xsimd's, also from the library.)
        self.requires("xsimd/[>=8.1 <15]", transitive_headers=True)

    def package_id(self):
        # Header-only: one package for every configuration. With the compiled component the
        # settings (os, arch, compiler, build_type) stay: the library is built for them.
        if not self.info.options.kernels:
            self.info.clear()

    def validate(self):
        check_min_cppstd(self, 20)

    def generate(self):
        if not self.options.kernels:
            return
        # The options tests/consumer/common.cmake installs with, and the component.
        tc = CMakeToolchain(self)
        tc.cache_variables["TMATH_BUILD_TESTS"] = False
        tc.cache_variables["TMATH_BUILD_BENCHMARKS"] = False
        tc.cache_variables["TMATH_BUILD_EXAMPLES"] = False
        tc.cache_variables["TMATH_BUILD_KERNELS"] = True
        tc.generate()
        CMakeDeps(self).generate()

    def build(self):
        if not self.options.kernels:
            return  # header-only
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        if not self.options.kernels:
            # What `cmake --install` puts under include/; Conan's generators (CMakeDeps,
            # PkgConfigDeps) write the CMake package and tmath.pc from package_info().
            copy(self, "*.hpp", os.path.join(self.source_folder, "include"),
                 os.path.join(self.package_folder, "include"))
            return
        CMake(self).install()
        # As above, the generators write these from package_info().
        rmdir(self, os.path.join(self.package_folder, "share"))
        rmdir(self, os.path.join(self.package_folder, "lib", "cmake"))
        rmdir(self, os.path.join(self.package_folder, "lib", "pkgconfig"))

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "tmath")
        self.cpp_info.set_property("pkg_config_name", "tmath")
        if not self.options.kernels:
            self.cpp_info.set_property("cmake_target_name", "tmath::tmath")
            self.cpp_info.bindirs = []
            self.cpp_info.libdirs = []
            return
        # Two components, the targets and .pc files of tmath's own install. (CMakeDeps also
        # declares a target that links every component: named so that it is not tmath::tmath.)
        self.cpp_info.set_property("cmake_target_name", "tmath::all")
        headers = self.cpp_info.components["headers"]
        headers.set_property("cmake_target_name", "tmath::tmath")
        headers.set_property("pkg_config_name", "tmath")
        # A [platform_requires] xsimd (CI's: Debian's) is no Conan package and not among the
        # dependencies here: its consumers' generators know no xsimd::xsimd, and the
        # compiler finds its headers by itself.
        if "xsimd" in self.dependencies:
            headers.requires = ["xsimd::xsimd"]
        headers.bindirs = []
        headers.libdirs = []
        kernels = self.cpp_info.components["kernels"]
        kernels.set_property("cmake_target_name", "tmath::kernels")
        kernels.set_property("pkg_config_name", "tmath-kernels")
        kernels.libs = ["tmath_kernels"]
        kernels.defines = ["TMATH_KERNELS"]
        kernels.requires = ["headers"]
        kernels.bindirs = []
