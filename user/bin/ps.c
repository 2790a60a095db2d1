/* ps — lists every process and kernel thread: PID, UID, STATE (R running or runnable, S sleeping,
 * Z exited) and NAME; kernel threads appear as [thread] or [thread/module]. */
#include "ulib.h"

#define PS_MAX 512

int main(int argc, char **argv)
{
    (void)argv;
    static struct ark_ps_record recs[PS_MAX];
    if (argc != 1)
        return usage_error("ps", "");
    long n = pslist(recs, PS_MAX);
    if (n < 0) {
        eprintf("ps: %s\n", strerror((int)n));
        return 1;
    }
    printf("  PID  PPID   UID STATE NAME\n");
    for (long i = 0; i < n && i < PS_MAX; i++)
        printf("%5d %5d %5d %c     %s\n", recs[i].pid, recs[i].ppid, recs[i].uid,
               (char)recs[i].state, recs[i].name);
    if (n > PS_MAX)
        printf("ps: %ld more not shown\n", n - PS_MAX);
    return 0;
}
