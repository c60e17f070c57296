# One place for the language level, the warnings and the Qt defines that every
# target of the project builds with.
add_library(taskdesk_compile_policy INTERFACE)
target_compile_features(taskdesk_compile_policy INTERFACE cxx_std_17)
set_target_properties(taskdesk_compile_policy PROPERTIES INTERFACE_CXX_EXTENSIONS OFF)
target_compile_options(taskdesk_compile_policy INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
    -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
if(TASKDESK_WERROR)
    target_compile_options(taskdesk_compile_policy INTERFACE -Werror)
endif()
target_compile_definitions(taskdesk_compile_policy INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    TASKDESK_VERSION="${PROJECT_VERSION}")
