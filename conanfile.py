"""Conan 2 recipe for tmath, in ConanCenter's header-library style.

`conan create .` builds and runs test_package/. tmath's version comes from
include/tmath/version.hpp, the one place it is written.
"""
import os
import re

from conan import ConanFile
from conan.tools.build import check_min_cppstd
from conan.tools.files import copy, load
from conan.tools.layout import basic_layout

required_conan_version = ">=2.0"


class TmathConan(ConanFile):
    name = "tmath"
    description = "Header-only C++20 tensor math with NumPy broadcasting on xsimd"
    license = "BSD-3-Clause"
    topics = ("tensor", "simd", "linear-algebra", "header-only", "numpy")
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    exports_sources = "LICENSE", "include/*"
    no_copy_source = True

    def set_version(self):
        text = load(self, os.path.join(self.recipe_folder, "include", "tmath", "version.hpp"))
        parts = [re.search(rf"#define TMATH_VERSION_{p} (\d+)", text).group(1)
                 for p in ("MAJOR", "MINOR", "PATCH")]
        self.version = ".".join(parts)

    def layout(self):
        basic_layout(self, src_folder=".")

    def requirements(self):
        # Any xsimd from Debian's 8.1 to the newest 14.x: tmath's simd/ shims cover them.
        self.requires("xsimd/[>=8.1 <15]")

    def package_id(self):
        self.info.clear()

    def validate(self):
        check_min_cppstd(self, 20)

    def build(self):
        pass  # header-only

    def package(self):
        # What `cmake --install` puts under include/; Conan's generators (CMakeDeps,
        # PkgConfigDeps) write the CMake package and tmath.pc from package_info().
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        copy(self, "*.hpp", os.path.join(self.source_folder, "include"),
             os.path.join(self.package_folder, "include"))

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "tmath")
        self.cpp_info.set_property("cmake_target_name", "tmath::tmath")
        self.cpp_info.set_property("pkg_config_name", "tmath")
        self.cpp_info.bindirs = []
        self.cpp_info.libdirs = []
