#!/usr/bin/env bash
# Packaging checks for CI (called by .ci/run once its apt packages are installed):
#  1. the vcpkg overlay port: vcpkg.json parses, depends on xsimd, has tmath's version,
#     and portfile.cmake (and README.md's install command) pass exactly the CMake options
#     the consumer install test uses (the vcpkg tool itself cannot be downloaded here);
#  2. the Conan 2 recipe: `conan create .` offline, Debian's libxsimd-dev standing in for
#     xsimd/8.1.0 ([platform_requires] in .ci/conan/debian-xsimd); test_package must
#     build and run. Conan lives in a venv and a CONAN_HOME under build/: nothing outside
#     the repository is written.
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

port = options("ports/tmath/portfile.cmake", r"vcpkg_cmake_configure\(.*?\n\)")
test = options("tests/consumer/common.cmake", r"set\(install_options [^)]*\)")
if not port or port != test:
    errors.append(f"portfile.cmake options {sorted(port)} != install test options {sorted(test)}")
readme = options("README.md", r"cmake -S \. -B build/install [^\n]*")
if readme != test:
    errors.append(f"README.md install options {sorted(readme)} != install test options {sorted(test)}")
for call in ("vcpkg_cmake_install()", "vcpkg_cmake_config_fixup(", "vcpkg_fixup_pkgconfig()",
             "vcpkg_install_copyright(", "/usage\""):
    if call not in open("ports/tmath/portfile.cmake").read():
        errors.append(f"portfile.cmake lacks {call}")
if errors:
    sys.exit("vcpkg port check failed:\n  " + "\n  ".join(errors))
print(f"ok: tmath {version}, depends on {deps}, options {sorted(port)}")
PY

echo "== Conan 2: conan create . (offline, Debian's xsimd as xsimd/8.1.0)"
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
"$venv/bin/conan" create . -pr:a .ci/conan/debian-xsimd

echo "== packaging checks passed in $((SECONDS - start))s"
