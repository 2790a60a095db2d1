/* linux/signal.h — operations on the signal sets of linux/sched.h (sigset_t, current->pending). */
/* A hosted program that happens to have ark's include/ on its path gets the system's header. */
#if __STDC_HOSTED__ && !defined(__ARK_KERNEL__)
#include_next <linux/signal.h>
#else
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H
#include <linux/sched.h>

static inline int ark_sig_word(int sig) { return (sig - 1) / _NSIG_BPW; }
static inline unsigned long ark_sig_bit(int sig) { return 1ul << ((sig - 1) % _NSIG_BPW); }
static inline bool ark_sig_valid(int sig) { return sig > 0 && sig <= _NSIG; }

static inline void sigemptyset(sigset_t *set)
{
    for (int i = 0; i < _NSIG_WORDS; i++)
        set->sig[i] = 0;
}
static inline void sigfillset(sigset_t *set)
{
    for (int i = 0; i < _NSIG_WORDS; i++)
        set->sig[i] = ~0ul;
}
static inline void sigaddset(sigset_t *set, int sig)
{
    if (ark_sig_valid(sig))
        set->sig[ark_sig_word(sig)] |= ark_sig_bit(sig);
}
static inline void sigdelset(sigset_t *set, int sig)
{
    if (ark_sig_valid(sig))
        set->sig[ark_sig_word(sig)] &= ~ark_sig_bit(sig);
}
static inline int sigismember(const sigset_t *set, int sig)
{
    return ark_sig_valid(sig) && (set->sig[ark_sig_word(sig)] & ark_sig_bit(sig)) != 0;
}
static inline int sigisemptyset(const sigset_t *set)
{
    for (int i = 0; i < _NSIG_WORDS; i++)
        if (set->sig[i])
            return 0;
    return 1;
}

#endif
#endif
