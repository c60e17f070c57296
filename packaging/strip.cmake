# Run by CPack on its staging tree (CPACK_PRE_BUILD_SCRIPTS): strips the
# programs as Debian's dh_strip does, the symbols and the .comment and .note
# sections too. A Release build has no debug information to keep for a
# -dbgsym package.
file(GLOB programs "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/usr/bin/*")
if(NOT programs)
    message(FATAL_ERROR "strip.cmake: no programs under ${CPACK_TEMPORARY_INSTALL_DIRECTORY}/usr/bin")
endif()
foreach(program IN LISTS programs)
    execute_process(
        COMMAND strip --remove-section=.comment --remove-section=.note ${program}
        RESULT_VARIABLE failed)
    if(failed)
        message(FATAL_ERROR "strip.cmake: strip ${program} failed")
    endif()
endforeach()
