# SlotwiseCompilerCache.cmake — native compiles go through ccache (a Debian package scripts/setup installs) when it is
# on PATH, so a clean clone rebuilds only what its cache has not seen: CI builds a fresh clone after every session,
# and most sources did not change. A miss adds ccache's hashing and storing to the compile; a hit skips the compiler.
#
# Contract:
# - Only native compilers (gcc, clang for the fuzz preset); the Emscripten build is left alone.
# - Results do not depend on where the clone lives: paths below the source folder are hashed relative to it
#   (base_dir), and the working directory is not hashed for debug info (only a debugger's source lookup of a
#   cached object could notice).
# - Precompiled headers (cmake/SlotwisePrecompiled.cmake) stay cacheable: the .gch is itself cached and hashed into
#   every compile that includes it (sloppiness pch_defines, time_macros; a header's time stamps are not compared,
#   its content is).
# - -DSLOTWISE_COMPILER_CACHE=OFF compiles directly; so does a machine without ccache. The cache lives in ccache's
#   default folder (~/.cache/ccache, 5 GB by default); `ccache -s` shows its hits.
option(SLOTWISE_COMPILER_CACHE "Compile native code through ccache when it is installed" ON)
if(SLOTWISE_COMPILER_CACHE AND NOT EMSCRIPTEN)
  find_program(SLOTWISE_CCACHE_PROGRAM ccache)
  if(SLOTWISE_CCACHE_PROGRAM)
    set(slotwise_launcher /usr/bin/env "CCACHE_BASEDIR=${CMAKE_SOURCE_DIR}" CCACHE_NOHASHDIR=1
        CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime ${SLOTWISE_CCACHE_PROGRAM})
    set(CMAKE_C_COMPILER_LAUNCHER ${slotwise_launcher})
    set(CMAKE_CXX_COMPILER_LAUNCHER ${slotwise_launcher})
    message(STATUS "Compiling through ${SLOTWISE_CCACHE_PROGRAM}")
  endif()
endif()
