# Precompiled headers for the native build: the heavy headers almost every translation unit includes (the standard
# library's containers and strings, nlohmann/json, cpp-httplib) are parsed once per build instead of once per file;
# test suites add doctest. Each PCH is compiled by one small owner target and reused by the others (REUSE_FROM), so
# every target must compile with the same flags — slotwise_set_warnings gives all of them the same set.
#
#   slotwise_use_precompiled(<target> [TEST])   called by slotwise_set_warnings for every native target
# Emscripten builds (wasm/) do not use them. SLOTWISE_PRECOMPILED_HEADERS=OFF turns them off (e.g. to check that every
# file includes what it uses: the PCH makes missing includes compile).
option(SLOTWISE_PRECOMPILED_HEADERS "Use precompiled headers in the native build" ON)

set(SLOTWISE_PCH_HEADERS
  <algorithm> <chrono> <cstdint> <functional> <map> <memory> <mutex> <optional> <set> <string> <string_view>
  <thread> <utility> <variant> <vector> <nlohmann/json.hpp> <httplib.h>)

function(slotwise_define_precompiled)
  if(EMSCRIPTEN OR NOT SLOTWISE_PRECOMPILED_HEADERS OR TARGET slotwise_pch)
    return()
  endif()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(CPP_HTTPLIB REQUIRED IMPORTED_TARGET GLOBAL cpp-httplib)
  find_package(nlohmann_json 3 REQUIRED)
  find_package(doctest REQUIRED)
  set(anchor ${CMAKE_BINARY_DIR}/pch/pch_anchor.cpp)
  file(WRITE ${anchor}.tmp "// The translation unit that owns a precompiled header (cmake/SlotwisePrecompiled.cmake).\n")
  configure_file(${anchor}.tmp ${anchor} COPYONLY)
  add_library(slotwise_pch OBJECT ${anchor})
  target_link_libraries(slotwise_pch PUBLIC nlohmann_json::nlohmann_json PkgConfig::CPP_HTTPLIB)
  target_precompile_headers(slotwise_pch PRIVATE ${SLOTWISE_PCH_HEADERS})
  add_library(slotwise_test_pch OBJECT ${anchor})
  target_link_libraries(slotwise_test_pch PUBLIC nlohmann_json::nlohmann_json PkgConfig::CPP_HTTPLIB doctest::doctest)
  target_precompile_headers(slotwise_test_pch PRIVATE ${SLOTWISE_PCH_HEADERS} <doctest/doctest.h>)
  slotwise_set_warnings(slotwise_pch)
  slotwise_set_warnings(slotwise_test_pch)
endfunction()

function(slotwise_use_precompiled target)
  if(EMSCRIPTEN OR NOT SLOTWISE_PRECOMPILED_HEADERS OR target STREQUAL "slotwise_pch" OR
     target STREQUAL "slotwise_test_pch")
    return()
  endif()
  cmake_parse_arguments(PARSE_ARGV 1 arg "TEST" "" "")
  # The PCH was compiled with these usage requirements (their -D and -I); the reusing target needs the same.
  target_link_libraries(${target} PRIVATE nlohmann_json::nlohmann_json PkgConfig::CPP_HTTPLIB)
  if(arg_TEST)
    target_link_libraries(${target} PRIVATE doctest::doctest)
    target_precompile_headers(${target} REUSE_FROM slotwise_test_pch)
    # The runner defines DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN before it includes doctest: it must not get the PCH.
    set_source_files_properties(${PROJECT_SOURCE_DIR}/tests/test_main.cpp TARGET_DIRECTORY ${target}
                                PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
  else()
    target_precompile_headers(${target} REUSE_FROM slotwise_pch)
  endif()
endfunction()
