set(TMATH_BUILD_KERNELS ON CACHE BOOL "" FORCE)
add_subdirectory(${TMATH_SOURCE_DIR} tmath EXCLUDE_FROM_ALL)
target_link_libraries(kernels_app PRIVATE tmath::kernels)
