# Runs one step of the tmath::kernels consumer tests (cmake -P; see tests/kernels/kernels_tests.cmake).
# Every consumer is built with no -march flag and runs kernels_app.cpp:
#   add_subdirectory  tests/kernels/consumer with tmath vendored, run once more under each
#                     TMATH_ARCH tier given
#   install           configure tmath with common.cmake's install options and the component
#                     (-DTMATH_BUILD_KERNELS=ON), build it and install it into a prefix
#   find_package      tests/kernels/consumer against that prefix
#   pkg_config        kernels_app.cpp compiled and linked with
#                     `pkg-config --cflags --libs tmath-kernels` from that prefix (and
#                     header_only_part.cpp with its --cflags and -UTMATH_KERNELS)
# Inputs (-D): STEP (default add_subdirectory) SOURCE_DIR WORK_DIR CXX GENERATOR
# MAKE_PROGRAM XSIMD_DIR XTL_DIR PREFIX_PATH (| separated) TIERS (| separated) PKG_CONFIG.
cmake_minimum_required(VERSION 3.21)
if(NOT STEP)
  set(STEP add_subdirectory)
endif()
include(${SOURCE_DIR}/tests/consumer/common.cmake)
consumer_args(common)
string(REPLACE "|" ";" PREFIX_PATH "${PREFIX_PATH}")
set(prefix ${WORK_DIR}/kernels_prefix)

# build_consumer(<bin> <args...>): configures and builds tests/kernels/consumer in <bin>
# and checks that the consumer's own compile line carries no -march (the tiers' objects
# do, on purpose).
function(build_consumer bin)
  file(REMOVE_RECURSE ${bin})
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/kernels/consumer -B ${bin} ${common}
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON ${ARGN})
  run(${CMAKE_COMMAND} --build ${bin} --target kernels_app)
  file(READ ${bin}/compile_commands.json commands)
  string(JSON count LENGTH "${commands}")
  math(EXPR last "${count} - 1")
  set(seen FALSE)
  foreach(i RANGE ${last})
    string(JSON file GET "${commands}" ${i} file)
    if(file MATCHES "kernels_app\\.cpp$")
      set(seen TRUE)
      string(JSON command GET "${commands}" ${i} command)
      if(command MATCHES "-march")
        message(FATAL_ERROR "kernels_app is compiled with a -march flag: ${command}")
      endif()
    endif()
  endforeach()
  if(NOT seen)
    message(FATAL_ERROR "no compile command for kernels_app.cpp in ${bin}/compile_commands.json")
  endif()
endfunction()

# installed(<out> <glob>): the one file of the prefix that the glob (relative to it) matches.
# (The library directory is GNUInstallDirs' choice: lib, lib64 or lib/<multiarch>.)
function(installed out pattern)
  file(GLOB found ${prefix}/${pattern})
  list(LENGTH found n)
  if(NOT n EQUAL 1)
    message(FATAL_ERROR "expected one installed ${pattern} in ${prefix}, found: ${found}")
  endif()
  set(${out} ${found} PARENT_SCOPE)
endfunction()

if(STEP STREQUAL "add_subdirectory")
  set(bin ${WORK_DIR}/kernels_consumer)
  build_consumer(${bin} "-DTMATH_SOURCE_DIR=${SOURCE_DIR}")
  run(${bin}/kernels_app)
  message(STATUS "${run_output}")
  string(REPLACE "|" ";" TIERS "${TIERS}")
  foreach(tier IN LISTS TIERS)
    run(${CMAKE_COMMAND} -E env TMATH_ARCH=${tier} ${bin}/kernels_app)
    message(STATUS "TMATH_ARCH=${tier}: ${run_output}")
  endforeach()
elseif(STEP STREQUAL "install")
  # Release, as package managers build it (the tier objects are optimized in any case).
  set(build ${WORK_DIR}/kernels_install-build)
  file(REMOVE_RECURSE ${build} ${prefix})
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${build} ${common} ${install_options} -DTMATH_BUILD_KERNELS=ON
      -DCMAKE_BUILD_TYPE=Release "-DCMAKE_PREFIX_PATH=${PREFIX_PATH}")
  run(${CMAKE_COMMAND} --build ${build})
  run(${CMAKE_COMMAND} --install ${build} --prefix ${prefix})
  foreach(f include/tmath/tmath.hpp share/pkgconfig/tmath.pc)
    if(NOT EXISTS ${prefix}/${f})
      message(FATAL_ERROR "not installed: ${f}")
    endif()
  endforeach()
  installed(lib "lib*/libtmath_kernels.a")
  installed(pc "lib*/pkgconfig/tmath-kernels.pc")
  # The CMake package names a library built for one architecture: under the library
  # directory, not share/ (which multi-arch layouts share between architectures).
  installed(config "lib*/cmake/tmath/tmathConfig.cmake")
  installed(targets "lib*/cmake/tmath/tmathTargets.cmake")
  if(EXISTS ${prefix}/share/cmake/tmath)
    message(FATAL_ERROR "the CMake package of an install with tmath::kernels went to share/cmake/tmath")
  endif()
  message(STATUS "installed ${lib}, ${pc} and ${config}")
elseif(STEP STREQUAL "find_package")
  set(bin ${WORK_DIR}/kernels_find_package)
  # The suite's own prefix path through the environment: a list in a -D argument would be
  # split on its way through build_consumer's and run()'s argument lists.
  list(JOIN PREFIX_PATH ":" env_prefix_path)
  set(ENV{CMAKE_PREFIX_PATH} "${env_prefix_path}")
  build_consumer(${bin} -DTMATH_KERNELS_MODE=find_package -DCMAKE_PREFIX_PATH=${prefix})
  run(${bin}/kernels_app)
  message(STATUS "${run_output}")
elseif(STEP STREQUAL "pkg_config")
  installed(pc "lib*/pkgconfig/tmath-kernels.pc")
  get_filename_component(pcdir ${pc} DIRECTORY)
  # As README.md says: both pkgconfig directories of the prefix.
  set(ENV{PKG_CONFIG_PATH} "${pcdir}:${prefix}/share/pkgconfig:$ENV{PKG_CONFIG_PATH}")
  return_unless_pkg_config_finds_xsimd()
  run(${PKG_CONFIG} --cflags --libs tmath-kernels)
  string(STRIP "${run_output}" flags)
  if(NOT flags MATCHES "-DTMATH_KERNELS" OR NOT flags MATCHES "-ltmath_kernels")
    message(FATAL_ERROR "pkg-config --cflags --libs tmath-kernels lacks -DTMATH_KERNELS or -ltmath_kernels: ${flags}")
  endif()
  separate_arguments(flag_list UNIX_COMMAND "${flags}")
  set(bin ${WORK_DIR}/kernels_pkg_config)
  file(REMOVE_RECURSE ${bin})
  file(MAKE_DIRECTORY ${bin})
  # The program's header-only TU: tmath-kernels' compile flags, TMATH_KERNELS undefined again.
  run(${PKG_CONFIG} --cflags tmath-kernels)
  separate_arguments(cflag_list UNIX_COMMAND "${run_output}")
  run(${CXX} -std=c++20 -O2 -c ${SOURCE_DIR}/tests/kernels/consumer/header_only_part.cpp ${cflag_list} -UTMATH_KERNELS
      -o ${bin}/header_only_part.o)
  # As README.md says (with that TU's object): c++ -std=c++20 -O2 kernels_app.cpp $(pkg-config --cflags --libs tmath-kernels) -o kernels_app
  run(${CXX} -std=c++20 -O2 ${SOURCE_DIR}/tests/kernels/consumer/kernels_app.cpp ${bin}/header_only_part.o ${flag_list}
      -o ${bin}/kernels_app)
  run(${bin}/kernels_app)
  message(STATUS "pkg-config --cflags --libs tmath-kernels: ${flags}\n${run_output}")
else()
  message(FATAL_ERROR "unknown STEP '${STEP}'")
endif()
