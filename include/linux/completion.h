/* linux/completion.h — completions: not yet provided by ark's Linux compatibility layer. */
#error "<linux/completion.h>: completions not yet supported on ark (it needs kernel threads and sleeping locks); see docs/linux-compat.md"
