# Install rules: the headers, the CMake package (tmath::tmath, and tmath::kernels when
# it is built), tmath.pc, and tmath-kernels.pc when tmath::kernels is built.
# Header-only tmath is architecture independent, so everything but the headers goes under
# share/: share/cmake/tmath and share/pkgconfig. The compiled component is not: its
# library, tmath-kernels.pc (which names the library's directory) and the CMake package
# (whose exported targets name the library) go under the library directory, lib/,
# lib/pkgconfig and lib/cmake/tmath, as pkg-config and multi-arch layouts expect;
# tmath.pc, the same for every architecture, stays in share/pkgconfig.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TMATH_INSTALL_CMAKEDIR "" CACHE STRING
    "Where tmathConfig.cmake is installed, relative to the prefix (empty: lib/cmake/tmath with tmath::kernels, else share/cmake/tmath)")
if(TMATH_INSTALL_CMAKEDIR)
  set(tmath_cmakedir ${TMATH_INSTALL_CMAKEDIR})
elseif(TARGET tmath_kernels)
  set(tmath_cmakedir ${CMAKE_INSTALL_LIBDIR}/cmake/tmath)
else()
  set(tmath_cmakedir ${CMAKE_INSTALL_DATADIR}/cmake/tmath)
endif()
set(TMATH_INSTALL_PKGCONFIGDIR ${CMAKE_INSTALL_DATADIR}/pkgconfig CACHE STRING
    "Where tmath.pc is installed, relative to the prefix")
set(TMATH_INSTALL_LIBPKGCONFIGDIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig CACHE STRING
    "Where tmath-kernels.pc is installed (with TMATH_BUILD_KERNELS), relative to the prefix")

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/tmath
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp")
install(TARGETS tmath EXPORT tmathTargets)
if(TARGET tmath_kernels)
  # The compiled component (TMATH_BUILD_KERNELS): a static library, exported as tmath::kernels.
  install(TARGETS tmath_kernels EXPORT tmathTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
endif()
install(EXPORT tmathTargets NAMESPACE tmath:: DESTINATION ${tmath_cmakedir})

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/tmathConfig.cmake.in
  ${PROJECT_BINARY_DIR}/tmathConfig.cmake
  INSTALL_DESTINATION ${tmath_cmakedir})
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
        DESTINATION ${tmath_cmakedir})

# The .pc files find their prefix relative to their own location (${pcfiledir}), so the
# install can be moved or installed with `cmake --install --prefix ...` after configuring.
# tmath_pc_prefix(<out> <pkgconfig dir>): the prefix line's value for a .pc file there.
function(tmath_pc_prefix out pcdir)
  if(IS_ABSOLUTE "${pcdir}")
    set(${out} "${CMAKE_INSTALL_PREFIX}" PARENT_SCOPE)
  else()
    file(RELATIVE_PATH up "/prefix/${pcdir}" "/prefix")
    string(REGEX REPLACE "/$" "" up "${up}")
    set(${out} "\${pcfiledir}/${up}" PARENT_SCOPE)
  endif()
endfunction()
# tmath_pc_dir(<out> <dir>): a directory line's value: ${prefix}/<dir>, or <dir> when absolute.
function(tmath_pc_dir out dir)
  if(IS_ABSOLUTE "${dir}")
    set(${out} "${dir}" PARENT_SCOPE)
  else()
    set(${out} "\${prefix}/${dir}" PARENT_SCOPE)
  endif()
endfunction()

tmath_pc_prefix(TMATH_PC_PREFIX "${TMATH_INSTALL_PKGCONFIGDIR}")
tmath_pc_dir(TMATH_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/tmath.pc.in ${PROJECT_BINARY_DIR}/tmath.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/tmath.pc DESTINATION ${TMATH_INSTALL_PKGCONFIGDIR})

if(TARGET tmath_kernels)
  # Requires tmath (the headers, the same version) and adds the library and TMATH_KERNELS.
  tmath_pc_prefix(TMATH_KERNELS_PC_PREFIX "${TMATH_INSTALL_LIBPKGCONFIGDIR}")
  tmath_pc_dir(TMATH_KERNELS_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
  configure_file(${CMAKE_CURRENT_LIST_DIR}/tmath-kernels.pc.in ${PROJECT_BINARY_DIR}/tmath-kernels.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/tmath-kernels.pc DESTINATION ${TMATH_INSTALL_LIBPKGCONFIGDIR})
endif()
