/* linux/lockdep.h — the lock validator's annotations. ark has no lock validator (its spinlocks
 * check recursion themselves), so the assertions check nothing and every lock counts as held:
 * the arguments are still evaluated for their type, and code written for lockdep builds. */
#ifndef _LINUX_LOCKDEP_H
#define _LINUX_LOCKDEP_H

struct lock_class_key { int unused; };

#define lockdep_is_held(lock)             ((void)(lock), 1)
#define lockdep_assert_held(lock)         do { (void)(lock); } while (0)
#define lockdep_assert_held_once(lock)    do { (void)(lock); } while (0)
#define lockdep_assert_held_read(lock)    do { (void)(lock); } while (0)
#define lockdep_assert_held_write(lock)   do { (void)(lock); } while (0)
#define lockdep_assert_not_held(lock)     do { (void)(lock); } while (0)
#define lockdep_set_class(lock, key)      do { (void)(lock); (void)(key); } while (0)
#define lockdep_assert_irqs_disabled()    do { } while (0)
#define lockdep_assert_irqs_enabled()     do { } while (0)
#define lockdep_assert_preemption_disabled() do { } while (0)
#define debug_lockdep_rcu_enabled()       0
#endif
