# Builds every ```cpp block of README.md as a program and runs it as a test. When the
# block is followed by a ```text block, the program's output must equal that text.
file(READ ${PROJECT_SOURCE_DIR}/README.md TMATH_README)
# Protect what CMake's list splitting treats specially: ';' and square brackets.
string(REPLACE ";" "@SEMI@" TMATH_README "${TMATH_README}")
string(REPLACE "[" "@LB@" TMATH_README "${TMATH_README}")
string(REPLACE "]" "@RB@" TMATH_README "${TMATH_README}")
string(REPLACE "\n" ";" TMATH_README_LINES "${TMATH_README}")
set(state none)
set(index 0)
set(code "")
set(expected "")
set(TMATH_SNIPPETS)
foreach(line IN LISTS TMATH_README_LINES)
  if(state STREQUAL "none" AND line STREQUAL "```cpp")
    set(state code)
    set(code "")
  elseif(state STREQUAL "code" AND line STREQUAL "```")
    math(EXPR index "${index} + 1")
    file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/readme/snippet_${index}.cpp CONTENT "${code}" @ONLY)
    file(REMOVE ${CMAKE_CURRENT_BINARY_DIR}/readme/snippet_${index}.txt)
    list(APPEND TMATH_SNIPPETS ${index})
    set(state after)
  elseif(state STREQUAL "after" AND line STREQUAL "```text")
    set(state text)
    set(expected "")
  elseif(state STREQUAL "after" AND NOT line STREQUAL "")
    set(state none)
  elseif(state STREQUAL "text" AND line STREQUAL "```")
    file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/readme/snippet_${index}.txt CONTENT "${expected}" @ONLY)
    set(state none)
  elseif(state STREQUAL "code" OR state STREQUAL "text")
    string(REPLACE "@SEMI@" ";" line "${line}")
    string(REPLACE "@LB@" "[" line "${line}")
    string(REPLACE "@RB@" "]" line "${line}")
    if(state STREQUAL "code")
      string(APPEND code "${line}\n")
    else()
      string(APPEND expected "${line}\n")
    endif()
  endif()
endforeach()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/README.md)

# A cross build runs the programs through its emulator (a list, passed '|'-separated).
string(REPLACE ";" "|" tmath_snippet_emulator "${CMAKE_CROSSCOMPILING_EMULATOR}")
foreach(i IN LISTS TMATH_SNIPPETS)
  add_executable(readme_snippet_${i} ${CMAKE_CURRENT_BINARY_DIR}/readme/snippet_${i}.cpp)
  target_link_libraries(readme_snippet_${i} PRIVATE tmath::tmath tmath_dev_flags)
  # The snippets check their printed output, not speed: optimized builds compile them at
  # -O1 (each includes the whole library; at -O3 they took minutes of CI's README build).
  target_compile_options(readme_snippet_${i} PRIVATE $<$<NOT:$<CONFIG:Debug>>:-O1>)
  add_test(NAME readme_snippet_${i}
           COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:readme_snippet_${i}>
                   -DEXPECTED=${CMAKE_CURRENT_BINARY_DIR}/readme/snippet_${i}.txt
                   "-DEMULATOR=${tmath_snippet_emulator}"
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/run_and_compare.cmake)
endforeach()
