#!/usr/bin/env bash
# Packaging checks for CI (called by .ci/run once its apt packages are installed):
#  1. the vcpkg overlay port: vcpkg.json parses, depends on xsimd, has tmath's version,
#     and portfile.cmake (and README.md's install command, and conanfile.py's CMake
#     variables) pass exactly the CMake options the consumer install tests use; the
#     feature kernels is wired to TMATH_BUILD_KERNELS (the kernels_install test's one
#     added option), builds both configurations with it and the release one without
#     (the vcpkg tool itself cannot be downloaded here);
#  2. the Conan 2 recipe: `conan create .` offline for both values of the option kernels
#     (header-only, and the compiled component tmath::kernels built with CMake), Debian's
#     libxsimd-dev standing in for xsimd/8.1.0 ([platform_requires] in
#     .ci/conan/debian-xsimd); test_package must build and run. Conan lives in a venv and
#     a CONAN_HOME under build/: nothing outside the repository is written. PACKAGING_JOBS,
#     when set, caps Conan's build jobs (tools.build:jobs).
# The find_package / add_subdirectory / FetchContent / pkg-config consumer tests are CTest
# tests of the main suite (label `consumer`), not repeated here.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
start=$SECONDS

# python3 with venv (Debian splits ensurepip into python3-venv): the checks and Conan need it.
if ! command -v python3 >/dev/null || ! python3 -c "import ensurepip, venv" 2>/dev/null; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends python3 python3-venv >/dev/null
fi

echo "== vcpkg port: ports/tmath"
python3 - <<'PY'
import json, re, sys

version = ".".join(re.search(rf"#define TMATH_VERSION_{p} (\d+)", open("include/tmath/version.hpp").read()).group(1)
                   for p in ("MAJOR", "MINOR", "PATCH"))
manifest = json.load(open("ports/tmath/vcpkg.json"))
deps = [d if isinstance(d, str) else d["name"] for d in manifest.get("dependencies", [])]
errors = []
if manifest.get("name") != "tmath":
    errors.append(f"vcpkg.json name is {manifest.get('name')!r}")
if manifest.get("version") != version:
    errors.append(f"vcpkg.json version {manifest.get('version')!r} != version.hpp {version!r}")
if "xsimd" not in deps:
    errors.append(f"vcpkg.json does not depend on xsimd: {deps}")

def options(path, pattern):
    """The -DNAME=VALUE options in the block of `path` that `pattern` starts."""
    text = open(path).read()
    block = re.search(pattern, text, re.S)
    if not block:
        errors.append(f"{path}: no match for {pattern!r}")
        return set()
    return set(re.findall(r"-D[A-Za-z0-9_]+=[^\s)\"]+", block.group(0)))

portfile = open("ports/tmath/portfile.cmake").read()
port = options("ports/tmath/portfile.cmake", r"vcpkg_cmake_configure\(.*?\n\)")
test = options("tests/consumer/common.cmake", r"set\(install_options [^)]*\)")
if not port or port != test:
    errors.append(f"portfile.cmake options {sorted(port)} != install test options {sorted(test)}")
readme = options("README.md", r"cmake -S \. -B build/install [^\n]*")
if readme != test:
    errors.append(f"README.md install options {sorted(readme)} != install test options {sorted(test)}")
for call in ("vcpkg_cmake_install()", "vcpkg_cmake_config_fixup(", "vcpkg_fixup_pkgconfig()",
             "vcpkg_install_copyright(", "/usage\""):
    if call not in portfile:
        errors.append(f"portfile.cmake lacks {call}")

# The feature kernels: declared in vcpkg.json, mapped to TMATH_BUILD_KERNELS, its options
# passed to the configure call; with it both configurations build (a library), without it
# only release (header-only). The kernels install test adds exactly that option.
if "kernels" not in manifest.get("features", {}):
    errors.append("vcpkg.json has no feature kernels")
features = re.search(r"vcpkg_check_features\(\s*OUT_FEATURE_OPTIONS\s+(\w+)\s+FEATURES\s+([^)]*)\)", portfile)
if not features or features.group(2).split() != ["kernels", "TMATH_BUILD_KERNELS"]:
    errors.append("portfile.cmake does not map the feature kernels to TMATH_BUILD_KERNELS "
                  "(vcpkg_check_features(OUT_FEATURE_OPTIONS <var> FEATURES kernels TMATH_BUILD_KERNELS))")
else:
    configure = re.search(r"vcpkg_cmake_configure\(.*?\n\)", portfile, re.S)
    if not configure or "${" + features.group(1) + "}" not in configure.group(0):
        errors.append(f"portfile.cmake's vcpkg_cmake_configure does not pass ${{{features.group(1)}}}")
branches = re.search(r'if\("kernels" IN_LIST FEATURES\)(.*?)else\(\)(.*?)endif\(\)', portfile, re.S)
if (not branches or "VCPKG_BUILD_TYPE" in branches.group(1)
        or "set(VCPKG_BUILD_TYPE release)" not in branches.group(2) or portfile.count("VCPKG_BUILD_TYPE") != 1):
    errors.append('portfile.cmake must set VCPKG_BUILD_TYPE release only without the feature kernels '
                  '(in the else() of if("kernels" IN_LIST FEATURES))')
kernels_test = options("tests/kernels/consumer/run_consumer.cmake",
                       r"run\(\$\{CMAKE_COMMAND\} -S \$\{SOURCE_DIR\} [^\n]*")
if "${install_options}" not in open("tests/kernels/consumer/run_consumer.cmake").read() \
        or kernels_test != {"-DTMATH_BUILD_KERNELS=ON"}:
    errors.append(f"the kernels install test must add exactly -DTMATH_BUILD_KERNELS=ON to install_options: {sorted(kernels_test)}")
usage = open("ports/tmath/usage").read()
for name in ("tmath::tmath", "tmath::kernels", "tmath-kernels"):
    if name not in usage:
        errors.append(f"ports/tmath/usage does not name {name}")

# conanfile.py (kernels=True) configures with the same options and the component.
conan = {f"-D{k}={'ON' if v == 'True' else 'OFF'}"
         for k, v in re.findall(r'tc\.cache_variables\["(\w+)"\] = (True|False)', open("conanfile.py").read())}
if conan != test | {"-DTMATH_BUILD_KERNELS=ON"}:
    errors.append(f"conanfile.py CMake variables {sorted(conan)} != install test options and the component")
if errors:
    sys.exit("vcpkg port check failed:\n  " + "\n  ".join(errors))
print(f"ok: tmath {version}, depends on {deps}, options {sorted(port)}, feature kernels -> TMATH_BUILD_KERNELS")
PY

echo "== Conan 2: conan create . for both values of the option kernels (offline, Debian's xsimd as xsimd/8.1.0)"
venv=build/conan-venv
if [ ! -x "$venv/bin/conan" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "conan>=2,<3"
fi
export CONAN_HOME="$PWD/build/conan-home"
cleanup() { rm -rf test_package/build test_package/CMakeUserPresets.json; }
trap cleanup EXIT
"$venv/bin/conan" --version
"$venv/bin/conan" profile detect --force >/dev/null 2>&1
jobs=()
if [ -n "${PACKAGING_JOBS:-}" ]; then jobs=(-c "tools.build:jobs=$PACKAGING_JOBS"); fi
echo "-- header-only (kernels=False)"
"$venv/bin/conan" create . -pr:a .ci/conan/debian-xsimd "${jobs[@]}"
echo "-- with the compiled component (kernels=True)"
"$venv/bin/conan" create . -pr:a .ci/conan/debian-xsimd -o "tmath/*:kernels=True" "${jobs[@]}"

echo "== packaging checks passed in $((SECONDS - start))s"
