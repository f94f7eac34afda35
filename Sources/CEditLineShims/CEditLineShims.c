// See include/CEditLineShims.h for why these exist.

#if defined(__linux__)
#define _GNU_SOURCE
#endif
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#else
#include <pthread.h>
#endif

#include "CEditLineShims.h"

EditLine *cstoq_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

int cstoq_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

int cstoq_el_editor_is_vi(EditLine *el) {
    const char *mode = NULL;
    if (el_get(el, EL_EDITOR, &mode) != 0 || mode == NULL)
        return 0;
    return strcmp(mode, "vi") == 0;
}

int cstoq_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

int cstoq_el_set_prompt(EditLine *el, cstoq_prompt_function prompt, char escape) {
    return el_set(el, EL_PROMPT_ESC, prompt, escape);
}

int cstoq_el_set_client_data(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

void *cstoq_el_client_data(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0)
        return NULL;
    return data;
}

int cstoq_el_set_history(EditLine *el, History *h) {
    // The first argument is libedit's own `history` function.
    return el_set(el, EL_HIST, history, h);
}

int cstoq_el_add_function(EditLine *el, const char *name, const char *help, cstoq_command_function function) {
    return el_set(el, EL_ADDFN, name, help, function);
}

int cstoq_el_bind(EditLine *el, const char *keys, const char *command) {
    // EL_BIND takes an argv-like list that must end with NULL.
    return el_set(el, EL_BIND, keys, command, (const char *)NULL);
}

int cstoq_el_columns(EditLine *el, int fallback) {
    int columns = 0;
    if (el_get(el, EL_GETTC, "co", &columns, (void *)NULL) != 0 || columns <= 0)
        return fallback;
    return columns;
}

int cstoq_el_lines(EditLine *el, int fallback) {
    int lines = 0;
    if (el_get(el, EL_GETTC, "li", &lines, (void *)NULL) != 0 || lines <= 0)
        return fallback;
    return lines;
}

int cstoq_el_write(EditLine *el, const char *text) {
    FILE *out = NULL;
    if (el_get(el, EL_GETFP, 1, &out) != 0 || out == NULL)
        return -1;
    if (fputs(text, out) == EOF)
        return -1;
    return fflush(out) == 0 ? 0 : -1;
}

History *cstoq_history_init(void) {
    return history_init();
}

int cstoq_history_set_size(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}

int cstoq_history_set_unique(History *h, int unique) {
    HistEvent event;
    return history(h, &event, H_SETUNIQUE, unique);
}

int cstoq_history_enter(History *h, const char *entry) {
    HistEvent event;
    return history(h, &event, H_ENTER, entry);
}

int cstoq_history_clear(History *h) {
    HistEvent event;
    return history(h, &event, H_CLEAR);
}

// Only an async-signal-safe store: everything else is done by whoever polls.
static volatile sig_atomic_t interrupt_flag = 0;

static void on_interrupt(int signal_number) {
    (void)signal_number;
    interrupt_flag = 1;
}

int cstoq_install_interrupt_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // deliberately no SA_RESTART: el_gets must return
    if (sigaction(SIGINT, &action, NULL) != 0) return -1;
    // A parent (a test runner, a shell script) may have started us with SIGINT
    // blocked; Ctrl-C must reach the handler all the same.
    sigset_t interrupt;
    sigemptyset(&interrupt);
    sigaddset(&interrupt, SIGINT);
    return pthread_sigmask(SIG_UNBLOCK, &interrupt, NULL);
}

int cstoq_interrupt_pending(void) {
    return interrupt_flag != 0;
}

void cstoq_clear_interrupt(void) {
    interrupt_flag = 0;
}

/* Signals that end a program by default (SIGQUIT, SIGTERM, SIGHUP, SIGUSR1,
   SIGUSR2, SIGALRM): caught in the interactive session, so that it leaves
   the terminal as it found it, saves the history and ends with 128 + the
   signal's number, instead of a raw terminal or a crash report. */
static volatile sig_atomic_t termination_signal = 0;

static void on_termination(int signal_number) {
    termination_signal = signal_number;
}

int cstoq_install_termination_handlers(void) {
    static const int signals[] = { SIGQUIT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM };
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_termination;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: el_gets must return */
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        if (sigaction(signals[i], &action, NULL) != 0) return -1;
    }
    return 0;
}

int cstoq_termination_signal(void) {
    return termination_signal;
}

int cstoq_is_main_thread(void) {
#if defined(__linux__)
    return syscall(SYS_gettid) == getpid();
#else
    return pthread_main_np() != 0;
#endif
}
