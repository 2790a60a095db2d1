# kernel/sched/sched.mk — the scheduler, kernel threads, locks and the work queue.
KERNEL_SRCS += $(sort $(wildcard kernel/sched/*.c))
