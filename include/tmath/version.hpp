#pragma once
/// @file version.hpp
/// tmath's version: the single place it is written. CMakeLists.txt reads these three
/// lines into `project(tmath VERSION ...)`, so the installed package version, tmath.pc
/// and the Conan recipe all follow this file, and a user who only copies include/ still
/// gets the numbers.

/// Major version: a change here may break source compatibility.
#define TMATH_VERSION_MAJOR 0
/// Minor version: new features, source compatible within the same major version.
#define TMATH_VERSION_MINOR 1
/// Patch version: fixes only.
#define TMATH_VERSION_PATCH 0
