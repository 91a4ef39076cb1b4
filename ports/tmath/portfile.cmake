# Overlay port for this source tree, from the repository root:
#   vcpkg install tmath --overlay-ports=ports
# A port in vcpkg's registry would fetch a release with vcpkg_from_github instead.
set(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../..")
set(VCPKG_BUILD_TYPE release)  # header-only: nothing differs between configurations

# The options tests/consumer/run_consumer.cmake installs with (.ci/packaging.sh checks).
vcpkg_cmake_configure(
    SOURCE_PATH "${SOURCE_PATH}"
    OPTIONS
        -DTMATH_BUILD_TESTS=OFF
        -DTMATH_BUILD_BENCHMARKS=OFF
        -DTMATH_BUILD_EXAMPLES=OFF
)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(CONFIG_PATH share/cmake/tmath)
vcpkg_fixup_pkgconfig()

file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
