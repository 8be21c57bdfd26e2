# SlotwiseBuildInfo.cmake — what `slotwise --version` says about the binary (backend/app/build_info.h).
#
# slotwise_add_build_info(<target>) adds a generated source to <target> that defines slotwise::CurrentBuild():
# - version: the project's VERSION (CMakeLists.txt);
# - commit: `git rev-parse --short=12 HEAD` of the source folder at build time, "-dirty" appended when tracked files
#   differ from it; "unknown" outside a git checkout (a source tarball);
# - flavour: "release", "debug", "asan+ubsan" (SLOTWISE_SANITIZE), "fuzz" (SLOTWISE_BUILD_FUZZ) or the build type.
# The commit is read on every build (cmake/build_info_write.cmake), but the file is rewritten — and its one object
# recompiled — only when what it says changes.
function(slotwise_add_build_info target)
  if(SLOTWISE_BUILD_FUZZ)
    set(flavour "fuzz")
  elseif(SLOTWISE_SANITIZE)
    set(flavour "asan+ubsan")
  elseif(CMAKE_BUILD_TYPE)
    string(TOLOWER "${CMAKE_BUILD_TYPE}" flavour)
  else()
    set(flavour "unspecified")
  endif()
  set(output "${CMAKE_BINARY_DIR}/generated/build_info.cpp")
  add_custom_target(slotwise_build_info
    COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DOUTPUT=${output}
            -DVERSION=${PROJECT_VERSION} -DFLAVOUR=${flavour} -P ${PROJECT_SOURCE_DIR}/cmake/build_info_write.cmake
    BYPRODUCTS ${output}
    COMMENT "Reading the commit for slotwise --version"
    VERBATIM)
  target_sources(${target} PRIVATE ${output})
  add_dependencies(${target} slotwise_build_info)
endfunction()
