/* linux/hrtimer.h — high-resolution timers: not yet provided by ark's Linux compatibility layer. */
#error "<linux/hrtimer.h>: high-resolution timers not yet supported on ark (it needs kernel threads and sleeping locks); see docs/linux-compat.md"
