# SlotwisePackaging.cmake — what `cmake --install` puts where, and the Debian package CPack makes of it
# (scripts/package builds it; docs/INSTALL.md describes the installed system).
#
# Contract:
# - The layout is Debian's, for the prefix /usr (the default here; the configuration file names these paths):
#     /usr/bin/slotwise                         the native binary (any build: release for the package)
#     /usr/share/slotwise/web/                  the pages (web/) and, from SLOTWISE_STAGE_DIR, widget.js, widget.wasm
#                                               and fonts/slotwise-cjk.ttf; zoneinfo is a link to /usr/share/zoneinfo,
#                                               so the page and the server read the same tzdata (Debian's package)
#     /usr/libexec/slotwise/slotwise-prepare-state   creates the keys a first start needs (packaging/)
#     /etc/slotwise/slotwise.json               the default configuration (a conffile)
#     /lib/systemd/system/slotwise.service      the service
#     /usr/share/doc/slotwise/                  LICENSE, THIRD_PARTY_NOTICES.md, copyright, INSTALL.md, CONFIG.md,
#                                               REVERSE_PROXY.md, examples/nginx-slotwise.conf and
#                                               licenses/ (the full licence texts the notices name)
# - Installing fails, naming the fix, when the WebAssembly widget is not staged (scripts/build wasm): a package
#   without the widget is never made.
# - The licence texts of third-party parts compiled into what ships come from the build machine: Debian's
#   copyright files of the packages scripts/apt-packages.txt installs, and Dear ImGui's LICENSE.txt (scripts/setup).
# - The package (CPack DEB): name slotwise, version PROJECT_VERSION-1, dependencies from dpkg-shlibdeps (dpkg-dev,
#   file) plus adduser, tzdata and init-system-helpers (postinst enables the unit with deb-systemd-helper), maintainer
#   scripts and conffiles from packaging/debian/.
if(CMAKE_INSTALL_PREFIX_INITIALIZED_TO_DEFAULT)
  set(CMAKE_INSTALL_PREFIX /usr CACHE PATH "Install prefix (the configuration in packaging/ assumes /usr)" FORCE)
endif()
include(GNUInstallDirs)
set(SLOTWISE_PACKAGE_MAINTAINER "The Slotwise authors <maintainers@slotwise.invalid>"
    CACHE STRING "Maintainer field of the Debian package (set your own when you ship it)")

set(slotwise_packaging ${PROJECT_SOURCE_DIR}/packaging)
set(slotwise_doc_dir ${CMAKE_INSTALL_DATADIR}/doc/slotwise)

# The widget must be staged before anything is installed.
install(CODE "
  if(NOT EXISTS \"${SLOTWISE_STAGE_DIR}/widget.wasm\" OR NOT EXISTS \"${SLOTWISE_STAGE_DIR}/fonts/slotwise-cjk.ttf\")
    message(FATAL_ERROR \"The widget is not staged in ${SLOTWISE_STAGE_DIR} (no widget.wasm or \"
                        \"fonts/slotwise-cjk.ttf): run scripts/build wasm first.\")
  endif()")

install(TARGETS slotwise RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The pages from web/ and what the WebAssembly build made (named one by one, so nothing else lying in the stage
# folder is shipped).
set(slotwise_web_dir ${CMAKE_INSTALL_DATADIR}/slotwise/web)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/ DESTINATION ${slotwise_web_dir})
install(FILES ${SLOTWISE_STAGE_DIR}/widget.js ${SLOTWISE_STAGE_DIR}/widget.wasm DESTINATION ${slotwise_web_dir})
install(FILES ${SLOTWISE_STAGE_DIR}/fonts/slotwise-cjk.ttf DESTINATION ${slotwise_web_dir}/fonts)
install(CODE "
  set(link \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${slotwise_web_dir}/zoneinfo\")
  message(STATUS \"Installing: \${link} -> /usr/share/zoneinfo\")
  file(REMOVE_RECURSE \"\${link}\")
  get_filename_component(folder \"\${link}\" DIRECTORY)
  file(MAKE_DIRECTORY \"\${folder}\")
  file(CREATE_LINK /usr/share/zoneinfo \"\${link}\" SYMBOLIC)")
install(PROGRAMS ${slotwise_packaging}/slotwise-prepare-state DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/slotwise)
install(FILES ${slotwise_packaging}/slotwise.json DESTINATION /etc/slotwise)
install(FILES ${slotwise_packaging}/slotwise.service DESTINATION /lib/systemd/system)

install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/THIRD_PARTY_NOTICES.md
              ${slotwise_packaging}/debian/copyright ${PROJECT_SOURCE_DIR}/docs/INSTALL.md
              ${PROJECT_SOURCE_DIR}/docs/CONFIG.md ${PROJECT_SOURCE_DIR}/docs/REVERSE_PROXY.md
        DESTINATION ${slotwise_doc_dir})
install(FILES ${slotwise_packaging}/nginx/slotwise.conf DESTINATION ${slotwise_doc_dir}/examples RENAME nginx-slotwise.conf)
# The full licence texts THIRD_PARTY_NOTICES.md points to: <name in licenses/> <source on the build machine>.
set(slotwise_licence_texts
  dear-imgui.LICENSE.txt           ${SLOTWISE_IMGUI_DIR}/LICENSE.txt
  nlohmann-json.copyright          /usr/share/doc/nlohmann-json3-dev/copyright
  cpp-httplib.copyright            /usr/share/doc/libcpp-httplib-dev/copyright
  emscripten.copyright             /usr/share/doc/emscripten/copyright
  fonts-dejavu-core.copyright      /usr/share/doc/fonts-dejavu-core/copyright
  fonts-vlgothic.copyright         /usr/share/doc/fonts-vlgothic/copyright)
while(slotwise_licence_texts)
  list(POP_FRONT slotwise_licence_texts name source)
  install(FILES ${source} DESTINATION ${slotwise_doc_dir}/licenses RENAME ${name})
endwhile()

# The Debian package.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME slotwise)
set(CPACK_PACKAGE_VENDOR "The Slotwise authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${SLOTWISE_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "interview-scheduling engine for applicant-tracking systems")
set(CPACK_PACKAGE_DESCRIPTION
  "Slotwise finds and books interview slots across people's calendars and video
accounts (Google, Microsoft 365, Zoom, GoTo), respecting working hours, time
zones, buffers and host rules. This package runs it as a system service
(slotwise.service) serving the REST API and the scheduling widget.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # slotwise_<version>-1_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, tzdata, init-system-helpers")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${slotwise_packaging}/debian/conffiles ${slotwise_packaging}/debian/postinst
  ${slotwise_packaging}/debian/prerm ${slotwise_packaging}/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)

# The install-layout smoke test (tests/packaging/install_layout_check), part of the native suites; not in the
# sanitizer and fuzz builds, which are never packaged.
if(SLOTWISE_BUILD_TESTS AND NOT SLOTWISE_SANITIZE AND NOT SLOTWISE_BUILD_FUZZ)
  add_test(NAME install_layout
           COMMAND ${PROJECT_SOURCE_DIR}/tests/packaging/install_layout_check ${CMAKE_BINARY_DIR} ${PROJECT_VERSION})
  # The TLS reverse-proxy recipe (packaging/nginx/slotwise.conf) run for real: nginx + a self-signed certificate.
  add_test(NAME reverse_proxy COMMAND ${PROJECT_SOURCE_DIR}/tests/packaging/reverse_proxy_check $<TARGET_FILE:slotwise>)
  set_tests_properties(reverse_proxy PROPERTIES TIMEOUT 120)
endif()
