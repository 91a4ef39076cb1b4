include(FetchContent)
FetchContent_Declare(tmath URL ${TMATH_ARCHIVE})   # a tmath release archive: a URL or a path
FetchContent_MakeAvailable(tmath)
target_link_libraries(my_app PRIVATE tmath::tmath)
