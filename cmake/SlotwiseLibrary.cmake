# slotwise_add_library(<folder> SOURCES <file>… [DEPS <folder>…] [LIBS <target>…])
#
# Declares the static library of one source folder: target <prefix><folder> (alias slotwise::<target without "slotwise_">),
# where the prefix is the tree's SLOTWISE_LIBRARY_PREFIX ("slotwise_" for backend/, "slotwise_widget_" for wasm/).
# Every folder of a tree (backend/, wasm/) is one library, and its headers are included by their path from the tree's
# root ("booking/booking_service.h"), so the root is the only include directory (SLOTWISE_LIBRARY_ROOT, set by the
# tree's CMakeLists.txt before its folders are added).
#   DEPS  the folders of the same tree this one may include and link: strictly lower layers. scripts/check-layers
#         reads these lists (it runs at configure time too) and fails on an include of any folder not reachable
#         through them — an upward or sideways dependency.
#   LIBS  other targets (slotwise::shared, system libraries).
function(slotwise_add_library folder)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;DEPS;LIBS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "slotwise_add_library(${folder}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT SLOTWISE_LIBRARY_ROOT OR NOT SLOTWISE_LIBRARY_PREFIX)
    message(FATAL_ERROR "slotwise_add_library(${folder}): set SLOTWISE_LIBRARY_ROOT and SLOTWISE_LIBRARY_PREFIX first")
  endif()
  set(target ${SLOTWISE_LIBRARY_PREFIX}${folder})
  string(REGEX REPLACE "^slotwise_" "" alias ${target})
  add_library(${target} STATIC ${arg_SOURCES})
  add_library(slotwise::${alias} ALIAS ${target})
  target_include_directories(${target} PUBLIC ${SLOTWISE_LIBRARY_ROOT})
  foreach(dep IN LISTS arg_DEPS)
    target_link_libraries(${target} PUBLIC ${SLOTWISE_LIBRARY_PREFIX}${dep})
  endforeach()
  target_link_libraries(${target} PUBLIC ${arg_LIBS})
  slotwise_set_warnings(${target})
endfunction()

# slotwise_add_program(<folder> NAME <target> SOURCES <file>… [DEPS <folder>…] [LIBS <target>…])
#
# The same for a folder that is a program rather than a library (the widget, the engine module): an executable named
# <target> built from the folder's sources, linked with its DEPS' libraries. scripts/check-layers reads it like a
# library's declaration.
function(slotwise_add_program folder)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "NAME" "SOURCES;DEPS;LIBS")
  if(arg_UNPARSED_ARGUMENTS OR NOT arg_NAME)
    message(FATAL_ERROR "slotwise_add_program(${folder}): needs NAME; unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  add_executable(${arg_NAME} ${arg_SOURCES})
  target_include_directories(${arg_NAME} PRIVATE ${SLOTWISE_LIBRARY_ROOT})
  foreach(dep IN LISTS arg_DEPS)
    target_link_libraries(${arg_NAME} PRIVATE ${SLOTWISE_LIBRARY_PREFIX}${dep})
  endforeach()
  target_link_libraries(${arg_NAME} PRIVATE ${arg_LIBS})
  slotwise_set_warnings(${arg_NAME})
endfunction()
