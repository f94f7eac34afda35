// The system libedit, native API only.
//
// histedit.h, not <editline/readline.h>: the readline emulation keeps global
// state, and on machines that also have GNU readline installed the readline
// header name can silently pull in the GPL library instead.
#include <histedit.h>
