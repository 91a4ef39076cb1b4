# Cross-compiles tmath's tests and examples for 64-bit Arm Linux (xsimd's NEON kernels,
# `neon64`) with Debian's cross GCC, and runs them under qemu-user through CTest:
#   apt-get install g++-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
#   cmake -S . -B build/aarch64 --toolchain cmake/toolchains/aarch64-linux-gnu.cmake
# TMATH_NATIVE is off when cross-compiling (-march=native would describe the build machine).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(TMATH_AARCH64_TRIPLE aarch64-linux-gnu CACHE STRING "GNU triple of the AArch64 cross toolchain")
set(CMAKE_CXX_COMPILER ${TMATH_AARCH64_TRIPLE}-g++)

# Tests, examples and the CMake scripts that discover Catch2's tests run the programs
# through qemu-user, with the target's libraries from the cross toolchain's sysroot.
set(TMATH_AARCH64_SYSROOT /usr/${TMATH_AARCH64_TRIPLE} CACHE PATH "Target libraries qemu-user loads the programs with")
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L ${TMATH_AARCH64_SYSROOT})

# xsimd, xtl and Catch2 v2 are header-only, so the build machine's packages serve the
# target (Debian's cross GCC searches /usr/include last, after the target's headers).
# Debian keeps xsimd's CMake package in the build machine's multiarch directory, which
# find_package does not search for another architecture.
if(NOT DEFINED xsimd_DIR AND EXISTS /usr/lib/${CMAKE_HOST_SYSTEM_PROCESSOR}-linux-gnu/cmake/xsimd)
  set(xsimd_DIR /usr/lib/${CMAKE_HOST_SYSTEM_PROCESSOR}-linux-gnu/cmake/xsimd CACHE PATH "xsimd's CMake package")
endif()
