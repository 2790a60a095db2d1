/* exit_atexit.c — leaving through exit() from deep inside the call stack: atexit handlers run in
 * reverse order of registration, buffered output is flushed, and the status reaches the parent. */
#include <stdio.h>
#include <stdlib.h>

static int cleanups;

static void first_registered(void) { printf("atexit: first registered, runs last (%d)\n", ++cleanups); }
static void second_registered(void) { printf("atexit: second registered (%d)\n", ++cleanups); }

static void descend(int level)
{
    printf("level %d\n", level);
    if (level == 3) {
        printf("exiting from level %d without a newline flush...", level);
        exit(4);
    }
    if (level < 100) descend(level + 1);
    printf("never printed\n");
}

int main(void)
{
    if (atexit(first_registered) != 0 || atexit(second_registered) != 0) return 1;
    descend(0);
    return 0;
}
