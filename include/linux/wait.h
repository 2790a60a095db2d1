/* linux/wait.h — wait queues (wait_event, wake_up): not yet provided by ark's Linux compatibility layer. */
#error "<linux/wait.h>: wait queues (wait_event, wake_up) not yet supported on ark (it needs kernel threads and sleeping locks); see docs/linux-compat.md"
