/* sh.h — the parts of ark's shell (/bin/sh): line editing on the raw console, parsing a line into
 * a command, and running it. */
#ifndef ARK_SH_H
#define ARK_SH_H

#include "ulib.h"

#define SH_LINE_MAX 255        /* characters in one command line */
#define SH_ARGS_MAX 32         /* words in one command */

/* ---- lineedit.c ---- */
enum sh_read_result {
    SH_LINE_OK,                /* a line is in the buffer (possibly empty) */
    SH_LINE_CANCELLED,         /* Ctrl-C, or an over-long line that was reported and discarded */
    SH_LINE_EOF,               /* standard input ended or failed */
};
/* Reads one line from standard input a byte at a time (so that input meant for a program started
 * next is left unread), echoing and editing as a terminal would. line holds SH_LINE_MAX+1 bytes. */
enum sh_read_result sh_read_line(char *line);

/* ---- parse.c ---- */
struct sh_command {
    int argc;
    char *argv[SH_ARGS_MAX + 1];       /* NULL-terminated */
    const char *redirect;              /* file for standard output, or NULL */
    char storage[2 * (SH_LINE_MAX + 1)]; /* the words, unquoted, each NUL-terminated */
    bool append;                       /* >> rather than > */
    bool background;                   /* ended with & */
};
/* Splits line into cmd (line is left as it was). 0 with cmd filled (argc may be 0 for an empty line), or -1 after
 * printing a "sh: ..." message for a syntax error. */
int sh_parse(const char *line, struct sh_command *cmd);

/* ---- run.c ---- */
/* sh -c: commands run in the shell's own process group, and the console's foreground group
 * (whoever started the shell set it) is left alone. */
extern bool sh_batch;
/* Runs a builtin or /bin program with the command's redirection; returns its exit status. A
 * background command is started as a job and returns 0 at once. */
int sh_run(const struct sh_command *cmd);

/* ---- jobs.c: background jobs ---- */
#define SH_JOBS_MAX 32
/* Records a started background job and prints "[N] PID"; false when the table is full. */
bool sh_job_add(ark_pid_t pid, const struct sh_command *cmd);
/* Reports ("[N] Done  CMD") and forgets jobs that have finished; called before each prompt. */
void sh_jobs_reap(void);
int sh_builtin_jobs(const struct sh_command *cmd);
int sh_builtin_wait(const struct sh_command *cmd);
int sh_builtin_kill(const struct sh_command *cmd);
/* Runs pid in the foreground: Ctrl-C ends it; returns its exit status. */
int sh_wait_foreground(ark_pid_t pid, const char *name);

#endif
