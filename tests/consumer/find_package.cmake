find_package(tmath 0.1 CONFIG REQUIRED)
target_link_libraries(my_app PRIVATE tmath::tmath)
