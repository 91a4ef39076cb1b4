# Runs tmath's kernel tests on one tier of tmath::kernels (tests/kernels/kernels_tests.cmake):
# skips (printing "SKIP: ") when the processor lacks the tier, else runs TESTS with TAGS
# under TMATH_ARCH=TIER, then the [kernels] tests twice more, whose result digests must
# be equal (one tier gives the same bits in every run).
# Inputs (-D): TIER, TIERS (every tier, lowest first, | separated), PROBE, TESTS, TAGS, WORK_DIR,
# EMULATOR (a cross build's CMAKE_CROSSCOMPILING_EMULATOR, | separated; may be empty).
cmake_minimum_required(VERSION 3.21)
string(REPLACE "|" ";" TIERS "${TIERS}")
string(REPLACE "|" ";" EMULATOR "${EMULATOR}")

execute_process(COMMAND ${EMULATOR} ${PROBE} RESULT_VARIABLE rc OUTPUT_VARIABLE supported OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROBE} failed (${rc})")
endif()
list(FIND TIERS "${TIER}" want)
list(FIND TIERS "${supported}" have)
if(want LESS 0 OR have LESS 0)
  message(FATAL_ERROR "tier ${TIER} or the supported tier '${supported}' is not one of ${TIERS}")
endif()
if(want GREATER have)
  message("SKIP: this processor's best tier is ${supported}; it cannot run ${TIER}")
  return()
endif()

execute_process(COMMAND ${CMAKE_COMMAND} -E env TMATH_ARCH=${TIER} ${EMULATOR} ${TESTS} ${TAGS}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "TMATH_ARCH=${TIER} ${TESTS} ${TAGS} failed (${rc}):\n${out}${err}")
endif()
string(REGEX MATCH "(All tests passed|test cases:)[^\n]*" summary "${out}")
message(STATUS "TMATH_ARCH=${TIER}: ${summary}")

file(MAKE_DIRECTORY ${WORK_DIR})
foreach(run 1 2)
  file(REMOVE ${WORK_DIR}/digest${run}.float ${WORK_DIR}/digest${run}.double)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env TMATH_ARCH=${TIER} TMATH_KERNELS_DIGEST=${WORK_DIR}/digest${run}
                          ${EMULATOR} ${TESTS} "kernels: repeated calls give the same bits*"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "digest run ${run} on ${TIER} failed (${rc}):\n${out}${err}")
  endif()
endforeach()
foreach(type float double)
  file(READ ${WORK_DIR}/digest1.${type} d1)
  file(READ ${WORK_DIR}/digest2.${type} d2)
  if(d1 STREQUAL "" OR NOT d1 STREQUAL d2)
    message(FATAL_ERROR "${TIER}, ${type}: the results differ between two runs (digests '${d1}' and '${d2}')")
  endif()
endforeach()
message(STATUS "${TIER}: the same digests in two runs")
