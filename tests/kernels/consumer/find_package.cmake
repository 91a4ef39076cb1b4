find_package(tmath 0.1 CONFIG REQUIRED COMPONENTS kernels)
target_link_libraries(kernels_app PRIVATE tmath::kernels)
