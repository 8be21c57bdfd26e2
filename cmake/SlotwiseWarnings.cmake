# slotwise_set_warnings(target): the project's warning set, applied to every target built from our own sources.
function(slotwise_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wconversion -Wshadow -Wpedantic)
  # GCC 12 reports -Wrestrict inside libstdc++'s char_traits for plain `"a" + s + "b"` string concatenation at -O2
  # (GCC PR 105329, fixed in GCC 13): a false positive in the library, not in our code. Only GCC 12 is silenced.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(SLOTWISE_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
