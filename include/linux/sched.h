/* linux/sched.h — the scheduler's task structure (current): not yet provided by ark's Linux compatibility layer. */
#error "<linux/sched.h>: the scheduler's task structure (current) not yet supported on ark (it needs kernel threads and sleeping locks); see docs/linux-compat.md"
