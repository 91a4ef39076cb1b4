add_subdirectory(third_party/tmath)   # tests, benchmarks and examples are off in a subproject
target_link_libraries(my_app PRIVATE tmath::tmath)
