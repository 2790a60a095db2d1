/* linux/kthread.h — kernel threads (kthread_create, kthread_run, kthread_stop): not yet provided by ark's Linux compatibility layer. */
#error "<linux/kthread.h>: kernel threads (kthread_create, kthread_run, kthread_stop) not yet supported on ark (it needs kernel threads and sleeping locks); see docs/linux-compat.md"
