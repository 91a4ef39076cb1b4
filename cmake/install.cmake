# Install rules: the headers, the CMake package (tmath::tmath, and tmath::kernels when
# it is built) and tmath.pc.
# tmath is header-only, so everything but the headers goes under share/ (architecture
# independent): share/cmake/tmath and share/pkgconfig.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TMATH_INSTALL_CMAKEDIR ${CMAKE_INSTALL_DATADIR}/cmake/tmath CACHE STRING
    "Where tmathConfig.cmake is installed, relative to the prefix")
set(TMATH_INSTALL_PKGCONFIGDIR ${CMAKE_INSTALL_DATADIR}/pkgconfig CACHE STRING
    "Where tmath.pc is installed, relative to the prefix")

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/tmath
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp")
install(TARGETS tmath EXPORT tmathTargets)
if(TARGET tmath_kernels)
  # The compiled component (TMATH_BUILD_KERNELS): a static library, exported as tmath::kernels.
  install(TARGETS tmath_kernels EXPORT tmathTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
endif()
install(EXPORT tmathTargets NAMESPACE tmath:: DESTINATION ${TMATH_INSTALL_CMAKEDIR})

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/tmathConfig.cmake.in
  ${PROJECT_BINARY_DIR}/tmathConfig.cmake
  INSTALL_DESTINATION ${TMATH_INSTALL_CMAKEDIR})
# Same major version, any architecture: a 0.x consumer asking for 0.1 accepts 0.1.y and
# later 0.z; 1.0 is refused. Header-only, so a 32-bit consumer may use a 64-bit install.
# With tmath::kernels the package holds a compiled library, built for one architecture.
if(TARGET tmath_kernels)
  set(tmath_arch_independent)
else()
  set(tmath_arch_independent ARCH_INDEPENDENT)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/tmathConfigVersion.cmake
  COMPATIBILITY SameMajorVersion ${tmath_arch_independent})
install(FILES ${PROJECT_BINARY_DIR}/tmathConfig.cmake ${PROJECT_BINARY_DIR}/tmathConfigVersion.cmake
        DESTINATION ${TMATH_INSTALL_CMAKEDIR})

# tmath.pc finds its prefix relative to its own location (${pcfiledir}), so the install
# can be moved or installed with `cmake --install --prefix ...` after configuring.
if(IS_ABSOLUTE "${TMATH_INSTALL_PKGCONFIGDIR}")
  set(TMATH_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH TMATH_PC_UP "/prefix/${TMATH_INSTALL_PKGCONFIGDIR}" "/prefix")
  string(REGEX REPLACE "/$" "" TMATH_PC_UP "${TMATH_PC_UP}")
  set(TMATH_PC_PREFIX "\${pcfiledir}/${TMATH_PC_UP}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(TMATH_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(TMATH_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/tmath.pc.in ${PROJECT_BINARY_DIR}/tmath.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/tmath.pc DESTINATION ${TMATH_INSTALL_PKGCONFIGDIR})
