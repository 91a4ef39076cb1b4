# Runs one consumer test step as a user would (cmake -P; see tests/consumer_tests.cmake):
#   install           configure tmath with the install options below, install into a prefix
#   find_package      build and run tests/consumer against that prefix
#   add_subdirectory  build and run tests/consumer with tmath in its third_party/tmath
#   fetch_content     build and run tests/consumer fetching a source archive of tmath
#   pkg_config        compile my_app.cpp with `pkg-config --cflags tmath` from the prefix
# Inputs (-D): STEP SOURCE_DIR WORK_DIR CXX GENERATOR MAKE_PROGRAM PREFIX_PATH (| separated)
# XSIMD_DIR XTL_DIR PKG_CONFIG.
# (tmath is installed with the install_options of common.cmake.)
cmake_minimum_required(VERSION 3.21)

string(REPLACE "|" ";" PREFIX_PATH "${PREFIX_PATH}")
set(prefix ${WORK_DIR}/prefix)
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
consumer_args(common)
list(APPEND common "-DCMAKE_BUILD_TYPE=")

function(build_and_run_consumer src bin)
  file(REMOVE_RECURSE ${bin})
  run(${CMAKE_COMMAND} -S ${src} -B ${bin} ${common} ${ARGN})
  run(${CMAKE_COMMAND} --build ${bin})
  run(${bin}/my_app)
  message(STATUS "${run_output}")
endfunction()

if(STEP STREQUAL "install")
  file(REMOVE_RECURSE ${WORK_DIR}/tmath-build ${prefix})
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/tmath-build ${common} ${install_options}
      "-DCMAKE_PREFIX_PATH=${PREFIX_PATH}")
  run(${CMAKE_COMMAND} --install ${WORK_DIR}/tmath-build --prefix ${prefix})
  foreach(f include/tmath/tmath.hpp include/tmath/version.hpp share/cmake/tmath/tmathConfig.cmake
            share/cmake/tmath/tmathConfigVersion.cmake share/cmake/tmath/tmathTargets.cmake
            share/pkgconfig/tmath.pc)
    if(NOT EXISTS ${prefix}/${f})
      message(FATAL_ERROR "not installed: ${f}")
    endif()
  endforeach()
  # Header-only: nothing architecture dependent (no library, no tmath-kernels.pc).
  file(GLOB libdirs ${prefix}/lib*)
  if(libdirs)
    message(FATAL_ERROR "the header-only install has a library directory: ${libdirs}")
  endif()
elseif(STEP STREQUAL "find_package")
  build_and_run_consumer(${SOURCE_DIR}/tests/consumer ${WORK_DIR}/find_package
    -DTMATH_CONSUMER_MODE=find_package "-DCMAKE_PREFIX_PATH=${prefix};${PREFIX_PATH}")
elseif(STEP STREQUAL "add_subdirectory")
  # The consumer's own tree, with tmath vendored as third_party/tmath (a link here).
  set(src ${WORK_DIR}/add_subdirectory-src)
  file(REMOVE_RECURSE ${src})
  file(COPY ${SOURCE_DIR}/tests/consumer/ DESTINATION ${src})
  file(MAKE_DIRECTORY ${src}/third_party)
  file(CREATE_LINK ${SOURCE_DIR} ${src}/third_party/tmath SYMBOLIC)
  build_and_run_consumer(${src} ${WORK_DIR}/add_subdirectory
    -DTMATH_CONSUMER_MODE=add_subdirectory "-DCMAKE_PREFIX_PATH=${PREFIX_PATH}")
elseif(STEP STREQUAL "fetch_content")
  # What a release archive holds: the files a subproject build needs. No network.
  set(archive ${WORK_DIR}/tmath-src.tar.gz)
  file(REMOVE_RECURSE ${WORK_DIR}/archive-root ${archive})
  file(MAKE_DIRECTORY ${WORK_DIR}/archive-root/tmath)
  foreach(item CMakeLists.txt LICENSE cmake include src)
    file(COPY ${SOURCE_DIR}/${item} DESTINATION ${WORK_DIR}/archive-root/tmath)
  endforeach()
  execute_process(COMMAND ${CMAKE_COMMAND} -E tar czf ${archive} tmath
                  WORKING_DIRECTORY ${WORK_DIR}/archive-root RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not pack ${archive}")
  endif()
  build_and_run_consumer(${SOURCE_DIR}/tests/consumer ${WORK_DIR}/fetch_content
    -DTMATH_CONSUMER_MODE=fetch_content -DTMATH_ARCHIVE=${archive}
    -DFETCHCONTENT_BASE_DIR=${WORK_DIR}/fetch_content-deps)
elseif(STEP STREQUAL "pkg_config")
  set(ENV{PKG_CONFIG_PATH} "${prefix}/share/pkgconfig:$ENV{PKG_CONFIG_PATH}")
  return_unless_pkg_config_finds_xsimd()
  run(${PKG_CONFIG} --cflags tmath)
  string(STRIP "${run_output}" cflags)
  separate_arguments(cflags UNIX_COMMAND "${cflags}")
  run(${PKG_CONFIG} --modversion tmath)
  string(STRIP "${run_output}" version)
  set(bin ${WORK_DIR}/pkg_config)
  file(MAKE_DIRECTORY ${bin})
  # As README.md says: c++ -std=c++20 $(pkg-config --cflags tmath) my_app.cpp -o my_app
  run(${CXX} -std=c++20 ${cflags} "-DTMATH_PACKAGE_VERSION=\"${version}\""
      ${SOURCE_DIR}/tests/consumer/my_app.cpp -o ${bin}/my_app)
  run(${bin}/my_app)
  message(STATUS "pkg-config --cflags tmath: ${cflags}\n${run_output}")
else()
  message(FATAL_ERROR "unknown STEP '${STEP}'")
endif()
