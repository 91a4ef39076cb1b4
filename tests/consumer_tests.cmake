# Consumer tests: tmath used from another project the ways README.md's "Install and use"
# shows. Each configures and builds a small project at -O0 with the compiler, xsimd and
# prefix path this build was configured with (so they also work against another xsimd).
set(TMATH_CONSUMER_WORK ${CMAKE_CURRENT_BINARY_DIR}/consumer)
string(REPLACE ";" "|" TMATH_CONSUMER_PREFIX_PATH "${CMAKE_PREFIX_PATH}")
find_program(TMATH_PKG_CONFIG NAMES pkg-config pkgconf)
set(TMATH_CONSUMER_ARGS
  -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DWORK_DIR=${TMATH_CONSUMER_WORK}
  -DCXX=${CMAKE_CXX_COMPILER} -DGENERATOR=${CMAKE_GENERATOR} -DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}
  -DPREFIX_PATH=${TMATH_CONSUMER_PREFIX_PATH} -DXSIMD_DIR=${xsimd_DIR} -DXTL_DIR=${xtl_DIR}
  -DPKG_CONFIG=${TMATH_PKG_CONFIG})

foreach(step install find_package add_subdirectory fetch_content pkg_config)
  add_test(NAME consumer_${step}
           COMMAND ${CMAKE_COMMAND} -DSTEP=${step} ${TMATH_CONSUMER_ARGS}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/consumer/run_consumer.cmake)
  set_tests_properties(consumer_${step} PROPERTIES LABELS consumer TIMEOUT 600
                       SKIP_REGULAR_EXPRESSION "SKIP: ")
endforeach()
set_tests_properties(consumer_install PROPERTIES FIXTURES_SETUP tmath_installed)
set_tests_properties(consumer_find_package consumer_pkg_config PROPERTIES FIXTURES_REQUIRED tmath_installed)
# Each consumer build is a separate CMake run; one at a time is enough for two cores.
set_tests_properties(consumer_install consumer_find_package consumer_add_subdirectory
                     consumer_fetch_content consumer_pkg_config PROPERTIES RESOURCE_LOCK tmath_consumer)
if(NOT TMATH_PKG_CONFIG)
  set_tests_properties(consumer_pkg_config PROPERTIES DISABLED TRUE)
  message(STATUS "tmath consumer tests: pkg-config not found, consumer_pkg_config is disabled")
endif()

# README.md's "Install and use" CMake snippets are the consumer files, word for word.
add_test(NAME consumer_readme_snippets
         COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/consumer/check_readme.cmake)
set_tests_properties(consumer_readme_snippets PROPERTIES LABELS consumer)
