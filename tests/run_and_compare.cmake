# Runs PROGRAM (through EMULATOR, '|'-separated, when cross-compiled); fails if it exits
# non-zero or, when EXPECTED exists, if its output differs.
string(REPLACE "|" ";" EMULATOR "${EMULATOR}")
execute_process(COMMAND ${EMULATOR} ${PROGRAM} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${rc}\n${out}${err}")
endif()
if(EXISTS ${EXPECTED})
  file(READ ${EXPECTED} want)
  if(NOT out STREQUAL want)
    message(FATAL_ERROR "output differs from README.\n--- got ---\n${out}--- expected ---\n${want}")
  endif()
endif()
message(STATUS "${out}")
