# Shared by the consumer scripts (run_consumer.cmake here and in tests/kernels/consumer):
# the CMake arguments a consumer project is configured with, and run().
# Inputs (-D of the including script): CXX GENERATOR MAKE_PROGRAM XSIMD_DIR XTL_DIR.

# The options tmath is installed with (tests/consumer/run_consumer.cmake; with
# -DTMATH_BUILD_KERNELS=ON added, tests/kernels/consumer/run_consumer.cmake);
# ports/tmath/portfile.cmake, conanfile.py and README.md's install command pass the same
# (.ci/packaging.sh compares them).
set(install_options -DTMATH_BUILD_TESTS=OFF -DTMATH_BUILD_BENCHMARKS=OFF -DTMATH_BUILD_EXAMPLES=OFF)

# consumer_args(<out>): generator, compiler, make program, and the same xsimd (and xtl)
# the suite was configured with, also when it is not the system's.
function(consumer_args out)
  set(args -G "${GENERATOR}" "-DCMAKE_CXX_COMPILER=${CXX}")
  if(MAKE_PROGRAM)
    list(APPEND args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
  endif()
  foreach(pkg xsimd xtl)
    string(TOUPPER "${pkg}_DIR" var)
    if(${var})
      list(APPEND args "-D${pkg}_DIR=${${var}}")
    endif()
  endforeach()
  set(${out} ${args} PARENT_SCOPE)
endfunction()

# run(<command...>): runs the command, stops the script with its output when it fails,
# and leaves its standard output in run_output.
function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGV}")
    message(FATAL_ERROR "failed (${rc}): ${cmd}\n${out}${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

# return_unless_pkg_config_finds_xsimd(): when PKG_CONFIG finds no xsimd.pc, prints
# "SKIP: " (the tests' skip marker) and ends the calling script (a macro, so that its
# return() is the caller's).
macro(return_unless_pkg_config_finds_xsimd)
  execute_process(COMMAND ${PKG_CONFIG} --exists xsimd RESULT_VARIABLE tmath_xsimd_pc_rc)
  if(NOT tmath_xsimd_pc_rc EQUAL 0)
    message("SKIP: pkg-config finds no xsimd.pc (install libxsimd-dev)")
    return()
  endif()
endmacro()
