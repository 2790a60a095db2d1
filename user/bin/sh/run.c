/* run.c — runs a parsed command: the builtins (help, exit, and the job builtins of jobs.c), or a
 * program from /bin (or a path containing '/') started with spawn and waited for, or left running
 * as a background job. Output redirection is done by pointing
 * descriptor 1 at the file around the command, since a spawned child inherits the descriptors. */
#include "sh.h"

static void list_programs(void)
{
    struct ark_dirent d;
    int col = 0, pad = 0;
    for (uint32_t i = 0; readdir("/bin", i, &d) == 0; i++) {
        if (d.type != ARK_DT_FILE)
            continue;
        /* Columns 13 wide; the padding is written before the next name, so no line ends in spaces. */
        printf("%*s%s", col == 0 ? 2 : pad, "", d.name);
        pad = 13 - (int)strlen(d.name);
        if (pad < 1)
            pad = 1;
        if (++col == 6) {
            printf("\n");
            col = 0;
        }
    }
    if (col)
        printf("\n");
}

bool sh_batch;

static int builtin_help(void)
{
    printf("ark shell. Builtins:\n"
           "  help            this list\n"
           "  exit [STATUS]   leave this shell\n"
           "  CMD &           run CMD in the background as a job\n"
           "  jobs            list background jobs\n"
           "  wait [%%N|PID]   wait for jobs (all by default)\n"
           "  kill [-SIG] %%N|PID  end a job or process (SIG: INT, TERM, KILL)\n"
           "Programs in /bin (run with arguments, e.g. 'cat /proc/meminfo'):\n");
    list_programs();
    printf("Editing: Backspace erases a character, Ctrl-W a word, Ctrl-U the line, Ctrl-C cancels.\n"
           "Quoting: \"two words\" or 'two words'. Output redirection: CMD > FILE, CMD >> FILE.\n");
    return 0;
}

static int builtin_exit(const struct sh_command *cmd)
{
    int32_t status = 0;
    if (cmd->argc > 2 || (cmd->argc == 2 && !parse_i32(cmd->argv[1], &status))) {
        eprintf("sh: exit: usage: exit [STATUS]\n");
        return 2;
    }
    exit(status);
}

static int run_program(const struct sh_command *cmd, bool background)
{
    const char *name = cmd->argv[0];
    char path[ARK_NAME_MAX + 8];
    if (strchr(name, '/')) {
        strlcpy(path, name, sizeof(path));
        if (strlen(name) >= sizeof(path)) {
            eprintf("sh: %s: %s\n", name, strerror(ENAMETOOLONG));
            return 127;
        }
    } else if (snprintf(path, sizeof(path), "/bin/%s", name) >= (int)sizeof(path)) {
        eprintf("sh: %s: not found\n", name);
        return 127;
    }

    /* Each command is a process group, so kill %N and Ctrl-C reach what it starts too. */
    uint32_t flags = ARK_SPAWN_NEWGROUP | (background ? 0 : ARK_SPAWN_FOREGROUND);
    ark_pid_t pid = spawn_flags(path, cmd->argv, sh_batch && !background ? 0 : flags);
    if (pid == -ENOENT || pid == -ENOTDIR) {
        eprintf("sh: %s: not found\n", name);
        return 127;
    }
    if (pid < 0) {
        eprintf("sh: %s: %s\n", name, strerror(pid));
        return 126;
    }
    if (background) {
        if (!sh_job_add(pid, cmd)) {
            eprintf("sh: %s: too many jobs (max %d); running it in the foreground\n", name,
                    SH_JOBS_MAX);
            return sh_wait_foreground(pid, name);
        }
        return 0;
    }
    if (sh_batch) {
        int status = 0;
        long r = wait(pid, &status);
        if (r < 0) {
            eprintf("sh: %s: wait: %s\n", name, strerror((int)r));
            return 1;
        }
        return status;
    }
    return sh_wait_foreground(pid, name);
}

/* Opens the redirection target and makes it descriptor 1; *saved keeps the old descriptor 1. */
static int redirect_begin(const struct sh_command *cmd, int *saved)
{
    uint32_t flags = ARK_O_WRONLY | (cmd->append ? ARK_O_APPEND : ARK_O_TRUNC);
    int fd = open(cmd->redirect, flags);
    if (fd == -ENOENT)   /* only then ask for creation, which not every file system offers */
        fd = open(cmd->redirect, flags | ARK_O_CREAT);
    if (fd < 0) {
        eprintf("sh: %s: %s\n", cmd->redirect, strerror(fd));
        return fd;
    }
    /* A free descriptor to park stdout in: duplicate into one that open just proved free. */
    int spare = open("/dev/null", ARK_O_RDONLY);
    if (spare < 0 || dup2(STDOUT_FILENO, spare) < 0 || dup2(fd, STDOUT_FILENO) < 0) {
        eprintf("sh: %s: cannot redirect output: %s\n", cmd->redirect,
                strerror(spare < 0 ? spare : -EBADF));
        if (spare >= 0)
            close(spare);
        close(fd);
        return -EBADF;
    }
    close(fd);
    *saved = spare;
    return 0;
}

static void redirect_end(int saved)
{
    dup2(saved, STDOUT_FILENO);
    close(saved);
}

int sh_run(const struct sh_command *cmd)
{
    int saved = -1, status;
    if (cmd->argc == 0) {
        if (cmd->redirect)
            eprintf("sh: syntax error: redirection without a command\n");
        return cmd->redirect ? 2 : 0;
    }
    if (cmd->redirect && redirect_begin(cmd, &saved) < 0)
        return 1;

    if (strcmp(cmd->argv[0], "help") == 0)
        status = builtin_help();
    else if (strcmp(cmd->argv[0], "exit") == 0)
        status = builtin_exit(cmd);
    else if (strcmp(cmd->argv[0], "jobs") == 0)
        status = sh_builtin_jobs(cmd);
    else if (strcmp(cmd->argv[0], "wait") == 0)
        status = sh_builtin_wait(cmd);
    else if (strcmp(cmd->argv[0], "kill") == 0)
        status = sh_builtin_kill(cmd);
    else
        status = run_program(cmd, cmd->background);

    if (saved >= 0)
        redirect_end(saved);
    return status;
}
