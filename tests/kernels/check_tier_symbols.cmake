# Checks one tier object of tmath::kernels (cmake/kernels.cmake) for weak symbols that
# the linker could keep for callers outside the tier: every weak or unique symbol (nm
# types W, w, V, v, u) it defines must be in the tier's own namespace
# (tmath::kernels_<tier>::) or an xsimd template on the tier's own architecture. Any
# other, compiled with the tier's instructions, could be the copy that code built for a
# lower instruction set runs (SIGILL).
# Inputs (-D): NM (the nm program), OBJECT (the tier's object file), TIER.
cmake_minimum_required(VERSION 3.21)
foreach(var NM OBJECT TIER)
  if(NOT ${var})
    message(FATAL_ERROR "check_tier_symbols: -D${var}= is missing")
  endif()
endforeach()
execute_process(COMMAND ${NM} -C ${OBJECT} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} -C ${OBJECT} failed (${rc}): ${err}")
endif()

# The xsimd architecture types of each tier (xsimd 8.1 and 14.x spellings).
set(arch_sse2 "xsimd::sse2")
set(arch_avx2 "xsimd::avx2|xsimd::fma3<xsimd::avx2>")
set(arch_avx512 "xsimd::avx512")
set(arch_neon "xsimd::neon")
set(arch_generic "xsimd::")
# Weak symbols that are no code compiled for the tier, with the reason:
#  DW.ref.__gxx_personality_v0  a data word: the address of the C++ runtime's personality routine
#  __clang_call_terminate        Clang's helper that calls __cxa_begin_catch and std::terminate
set(allowed "^(DW\\.ref\\.__gxx_personality_v0|__clang_call_terminate)$")

string(REPLACE "\n" ";" lines "${out}")
set(bad)
set(count 0)
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^[0-9a-fA-F ]+ ([WwVvu]) (.*)$")
    continue()
  endif()
  set(name "${CMAKE_MATCH_2}")
  math(EXPR count "${count} + 1")
  if(name MATCHES "tmath::kernels_${TIER}::" OR name MATCHES "${allowed}")
    continue()
  endif()
  if(name MATCHES "^[^(]*xsimd::" AND name MATCHES "${arch_${TIER}}")
    continue()
  endif()
  list(APPEND bad "${line}")
endforeach()
if(bad)
  list(LENGTH bad n)
  string(REPLACE ";" "\n  " shown "${bad}")
  message(FATAL_ERROR "${OBJECT}: ${n} weak symbols outside tmath::kernels_${TIER} and the tier's xsimd "
                      "architecture (the linker may keep them for other callers):\n  ${shown}")
endif()
message(STATUS "${TIER}: ${count} weak symbols, all the tier's own")
