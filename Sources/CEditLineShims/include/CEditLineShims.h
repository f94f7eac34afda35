// Non-variadic doors into libedit for Swift, plus the SIGINT flag.
//
// Swift cannot call C-variadic functions, and el_set, el_get and history are
// all variadic, so each call the Swift side needs gets one fixed-signature
// wrapper here. el_init also lives here because Swift 6 refuses the C globals
// stdin, stdout and stderr. Everything else in libedit (el_gets, el_line,
// el_push, el_insertstr, ...) is called from Swift directly.
#ifndef CSTOQ_CEDITLINESHIMS_H
#define CSTOQ_CEDITLINESHIMS_H

#include <histedit.h>

/// `char *prompt(EditLine *)`; the returned string must outlive the call.
typedef char *(*cstoq_prompt_function)(EditLine *);
/// A bound editor command; returns one of the CC_* codes.
typedef unsigned char (*cstoq_command_function)(EditLine *, int);

// MARK: - Editor

/// el_init on the process's stdin, stdout and stderr.
EditLine *cstoq_el_init(const char *program);
/// EL_EDITOR: "emacs" or "vi".
int cstoq_el_set_editor(EditLine *el, const char *mode);
/// EL_EDITOR get: 1 if the keymaps are vi's (e.g. after `bind -v` in ~/.editrc).
int cstoq_el_editor_is_vi(EditLine *el);
/// EL_SIGNAL: let libedit restore the terminal around signals.
int cstoq_el_set_signal(EditLine *el, int on);
/// EL_PROMPT_ESC: bytes between two `escape` characters take no width.
int cstoq_el_set_prompt(EditLine *el, cstoq_prompt_function prompt, char escape);
/// EL_CLIENTDATA set and get: how C callbacks find their Swift object.
int cstoq_el_set_client_data(EditLine *el, void *data);
void *cstoq_el_client_data(EditLine *el);
/// EL_HIST with libedit's own history function.
int cstoq_el_set_history(EditLine *el, History *history);
/// EL_ADDFN: register a named editor command.
int cstoq_el_add_function(EditLine *el, const char *name, const char *help, cstoq_command_function function);
/// EL_BIND in the current keymap: one key sequence to one command.
int cstoq_el_bind(EditLine *el, const char *keys, const char *command);
/// EL_GETTC "co": terminal width in columns, or `fallback` if unknown.
int cstoq_el_columns(EditLine *el, int fallback);
/// EL_GETTC "li": terminal height in lines, or `fallback` if unknown.
int cstoq_el_lines(EditLine *el, int fallback);
/// Writes to libedit's own output stream (EL_GETFP 1) and flushes, so the text
/// stays in order with what libedit itself has drawn.
int cstoq_el_write(EditLine *el, const char *text);

// MARK: - History

History *cstoq_history_init(void);
/// H_SETSIZE.
int cstoq_history_set_size(History *history, int size);
/// H_SETUNIQUE: drop a repeat of the immediately previous entry.
int cstoq_history_set_unique(History *history, int unique);
/// H_ENTER.
int cstoq_history_enter(History *history, const char *entry);
/// H_CLEAR.
int cstoq_history_clear(History *history);

// MARK: - SIGINT

/// Installs (sigaction, without SA_RESTART) a SIGINT handler that only sets a
/// flag. Without SA_RESTART a blocking read, including el_gets, returns EINTR
/// at once, so Ctrl-C at the prompt and during work can both be noticed.
/// Returns 0 or -1 with errno set.
int cstoq_install_interrupt_handler(void);

/// Catches the signals that would end the program (SIGQUIT, SIGTERM, SIGHUP,
/// SIGUSR1, SIGUSR2, SIGALRM); the number of the last one, or 0.
int cstoq_install_termination_handlers(void);
int cstoq_termination_signal(void);
/// 1 if SIGINT arrived since the last clear.
int cstoq_interrupt_pending(void);
void cstoq_clear_interrupt(void);
/// 1 on the process's main thread. Process-directed signals such as Ctrl-C's
/// SIGINT only interrupt a read on a thread that does not block them, and
/// Swift concurrency's pool threads block them all.
int cstoq_is_main_thread(void);

#endif
