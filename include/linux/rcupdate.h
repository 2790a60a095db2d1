/* linux/rcupdate.h — RCU: not yet provided by ark's Linux compatibility layer. */
#error "<linux/rcupdate.h>: RCU not yet supported on ark (it needs kernel threads and sleeping locks); see docs/linux-compat.md"
