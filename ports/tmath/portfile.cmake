# Overlay port for this source tree, from the repository root:
#   vcpkg install tmath --overlay-ports=ports              (header-only)
#   vcpkg install "tmath[kernels]" --overlay-ports=ports   (with tmath::kernels)
# A port in vcpkg's registry would fetch a release with vcpkg_from_github instead.
set(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../..")

# Feature kernels: the compiled component (TMATH_BUILD_KERNELS), a static library.
vcpkg_check_features(OUT_FEATURE_OPTIONS FEATURE_OPTIONS
    FEATURES
        kernels TMATH_BUILD_KERNELS
)
if("kernels" IN_LIST FEATURES)
    vcpkg_check_linkage(ONLY_STATIC_LIBRARY)  # the component is always a static library
else()
    set(VCPKG_BUILD_TYPE release)  # header-only: nothing differs between configurations
endif()

# The options tests/consumer/common.cmake installs with (.ci/packaging.sh checks), and
# the feature's.
vcpkg_cmake_configure(
    SOURCE_PATH "${SOURCE_PATH}"
    OPTIONS
        -DTMATH_BUILD_TESTS=OFF
        -DTMATH_BUILD_BENCHMARKS=OFF
        -DTMATH_BUILD_EXAMPLES=OFF
        ${FEATURE_OPTIONS}
)
vcpkg_cmake_install()
# With the kernels feature the CMake package is installed under lib/cmake/tmath beside
# the library its targets name; header-only, under share/cmake/tmath.
if("kernels" IN_LIST FEATURES)
    vcpkg_cmake_config_fixup(CONFIG_PATH lib/cmake/tmath)
else()
    vcpkg_cmake_config_fixup(CONFIG_PATH share/cmake/tmath)
endif()
vcpkg_fixup_pkgconfig()
if("kernels" IN_LIST FEATURES)
    # The debug build adds only its library (debug/lib) and tmath-kernels.pc (debug/lib/pkgconfig).
    file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug/include" "${CURRENT_PACKAGES_DIR}/debug/share")
endif()

file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
