/* jobs.c — the shell's background jobs: CMD & starts one and prints "[N] PID"; finished jobs are
 * reported before the next prompt; jobs, wait [%N|PID...] and kill [-SIG] %N|PID... act on them.
 * The foreground program is made the console's foreground process so that Ctrl-C ends it. */
#include "sh.h"

#define JOB_TEXT_MAX 64

struct job {
    bool used;
    int id;
    ark_pid_t pid;
    char text[JOB_TEXT_MAX];
};

static struct job jobs[SH_JOBS_MAX];

static int next_job_id(void)
{
    int id = 1;
    for (bool taken = true; taken; id++) {
        taken = false;
        for (int i = 0; i < SH_JOBS_MAX; i++)
            if (jobs[i].used && jobs[i].id == id)
                taken = true;
        if (!taken)
            return id;
    }
    return id;
}

bool sh_job_add(ark_pid_t pid, const struct sh_command *cmd)
{
    for (int i = 0; i < SH_JOBS_MAX; i++) {
        struct job *j = &jobs[i];
        if (j->used)
            continue;
        j->id = next_job_id();
        j->used = true;
        j->pid = pid;
        size_t used = 0;
        j->text[0] = '\0';
        for (int a = 0; a < cmd->argc && used + 1 < sizeof(j->text); a++) {
            int n = snprintf(j->text + used, sizeof(j->text) - used, "%s%s", a ? " " : "",
                             cmd->argv[a]);
            if (n < 0)
                break;
            used += (size_t)n < sizeof(j->text) - used ? (size_t)n : sizeof(j->text) - used - 1;
        }
        printf("[%d] %d\n", j->id, pid);
        return true;
    }
    return false;
}

static void report(const struct job *j, int status)
{
    if (status == 0)
        printf("[%d] Done      %s\n", j->id, j->text);
    else if (status > 128 && status < 160)
        printf("[%d] Killed    %s (signal %d)\n", j->id, j->text, status - 128);
    else
        printf("[%d] Exit %-4d %s\n", j->id, status, j->text);
}

void sh_jobs_reap(void)
{
    for (int i = 0; i < SH_JOBS_MAX; i++) {
        struct job *j = &jobs[i];
        int status = 0;
        if (!j->used)
            continue;
        long r = waitpid(j->pid, &status, ARK_WAIT_NOHANG);
        if (r == 0)
            continue;
        if (r > 0)
            report(j, status);
        j->used = false;               /* collected, or no longer our child */
    }
}

int sh_builtin_jobs(const struct sh_command *cmd)
{
    (void)cmd;
    sh_jobs_reap();
    for (int i = 0; i < SH_JOBS_MAX; i++)
        if (jobs[i].used)
            printf("[%d] %-5d Running   %s\n", jobs[i].id, jobs[i].pid, jobs[i].text);
    return 0;
}

/* "%N" names job N, a number a process; the job (or NULL) and its pid. */
static bool resolve(const char *spec, const char *who, struct job **job, ark_pid_t *pid)
{
    *job = NULL;
    if (spec[0] == '%') {
        int32_t id;
        if (parse_i32(spec + 1, &id)) {
            for (int i = 0; i < SH_JOBS_MAX; i++) {
                if (jobs[i].used && jobs[i].id == id) {
                    *job = &jobs[i];
                    *pid = jobs[i].pid;
                    return true;
                }
            }
        }
        eprintf("sh: %s: %s: no such job\n", who, spec);
        return false;
    }
    int32_t n;
    if (!parse_i32(spec, &n) || n <= 0) {
        eprintf("sh: %s: %s: not a pid or %%job\n", who, spec);
        return false;
    }
    *pid = n;
    for (int i = 0; i < SH_JOBS_MAX; i++)
        if (jobs[i].used && jobs[i].pid == n)
            *job = &jobs[i];
    return true;
}

int sh_builtin_wait(const struct sh_command *cmd)
{
    int status = 0;
    if (cmd->argc == 1) {
        for (int i = 0; i < SH_JOBS_MAX; i++) {
            if (!jobs[i].used)
                continue;
            long r = wait(jobs[i].pid, &status);
            if (r > 0 && status > 128)
                report(&jobs[i], status);  /* an abnormal end is worth telling, as in sh */
            jobs[i].used = false;
            if (r < 0)
                status = 127;
        }
        return status;
    }
    for (int a = 1; a < cmd->argc; a++) {
        struct job *j;
        ark_pid_t pid;
        if (!resolve(cmd->argv[a], "wait", &j, &pid)) {
            status = 127;
            continue;
        }
        long r = wait(pid, &status);
        if (j && r > 0 && status > 128)
            report(j, status);
        if (j)
            j->used = false;
        if (r < 0) {
            eprintf("sh: wait: %d: %s\n", pid, r == -ECHILD ? "not a child of this shell" :
                    strerror((int)r));
            status = 127;
        }
    }
    return status;
}

static bool parse_signal(const char *s, int *sig)
{
    uint32_t n;
    if (strcmp(s, "INT") == 0 || strcmp(s, "SIGINT") == 0)
        *sig = ARK_SIGINT;
    else if (strcmp(s, "TERM") == 0 || strcmp(s, "SIGTERM") == 0)
        *sig = ARK_SIGTERM;
    else if (strcmp(s, "KILL") == 0 || strcmp(s, "SIGKILL") == 0)
        *sig = ARK_SIGKILL;
    else if (parse_u32(s, &n) && (n == 2 || n == 9 || n == 15))
        *sig = (int)n;
    else
        return false;
    return true;
}

int sh_builtin_kill(const struct sh_command *cmd)
{
    int sig = ARK_SIGTERM, first = 1, status = 0;
    if (cmd->argc > 1 && cmd->argv[1][0] == '-') {
        if (!parse_signal(cmd->argv[1] + 1, &sig)) {
            eprintf("sh: kill: %s: unknown signal (INT, TERM or KILL)\n", cmd->argv[1] + 1);
            return 2;
        }
        first = 2;
    }
    if (first >= cmd->argc) {
        eprintf("sh: kill: usage: kill [-SIG] %%N|PID...\n");
        return 2;
    }
    for (int a = first; a < cmd->argc; a++) {
        struct job *j;
        ark_pid_t pid;
        if (!resolve(cmd->argv[a], "kill", &j, &pid)) {
            status = 1;
            continue;
        }
        int rc = kill(j ? -pid : pid, sig);   /* a job: its whole process group */
        if (rc < 0) {
            eprintf("sh: kill: %s: %s\n", cmd->argv[a], strerror(rc));
            status = 1;
        }
    }
    return status;
}

int sh_wait_foreground(ark_pid_t pid, const char *name)
{
    int status = 0;
    bool fg = ioctl(STDIN_FILENO, ARK_IOCTL_CONSOLE_SET_FG, (uintptr_t)pid) == 0;
    long r = wait(pid, &status);
    if (fg)
        ioctl(STDIN_FILENO, ARK_IOCTL_CONSOLE_SET_FG, 0);
    if (r < 0) {
        eprintf("sh: %s: wait: %s\n", name, strerror((int)r));
        return 1;
    }
    if (status == 128 + ARK_SIGINT)
        printf("^C\n");
    return status;
}
