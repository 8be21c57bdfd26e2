# slotwise_set_warnings(target): the project's warning set, applied to every target built from our own sources.
function(slotwise_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wconversion -Wshadow -Wpedantic)
  # GCC 12 reports -Wrestrict, and at -O3 with other inlining also -Wstringop-overflow, inside libstdc++'s char_traits
  # for plain `"a" + s + "b"` string concatenation (GCC PR 105329 and relatives, fixed in GCC 13): false positives in
  # the library, not in our code. Only GCC 12 is silenced.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict -Wno-stringop-overflow)
    # With a precompiled header GCC 12 also loses the "system header" mark of the libstdc++ code it inlines, and
    # reports the same family as -Warray-bounds and -Wmaybe-uninitialized there (a file compiled without the PCH
    # reports nothing). Configure with -DSLOTWISE_PRECOMPILED_HEADERS=OFF to see these two for our own code.
    if(SLOTWISE_PRECOMPILED_HEADERS AND NOT EMSCRIPTEN)
      target_compile_options(${target} PRIVATE -Wno-array-bounds -Wno-maybe-uninitialized)
    endif()
  endif()
  # Test code (suites, their support, the test PCH) is compiled at -O1 in the release build: it compiles in about
  # half the time of -O3, and what tests exercise — the product libraries — keeps the build's own optimisation.
  if(target MATCHES "test" AND NOT EMSCRIPTEN AND CMAKE_BUILD_TYPE STREQUAL "Release")
    target_compile_options(${target} PRIVATE -O1)
  endif()
  # ASan + UBSan instrument the product's code (shared/, backend/, wasm/); test code is linked with the sanitizer
  # runtime but not instrumented itself — it only drives the product, and instrumenting it would double the
  # sanitizer build's time (measured: 21.5 s → 7.9 s for one test file) without checking any more product code.
  if(SLOTWISE_SANITIZE)
    if(NOT target MATCHES "test")
      target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                               -fno-sanitize-recover=all)
    endif()
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  # Test code (suites and their support) reuses the PCH with doctest; everything else the product's.
  if(target MATCHES "test")
    slotwise_use_precompiled(${target} TEST)
  else()
    slotwise_use_precompiled(${target})
  endif()
endfunction()
