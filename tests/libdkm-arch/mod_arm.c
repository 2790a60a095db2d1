/* mod_arm.c — a small module for test_arm.c: ARM and Thumb functions calling each other (BL that
 * must become BLX), a function pointer table (the Thumb bit in data), MOVW/MOVT data references,
 * imports from both sets and unwind tables (PREL31). One section per function, so every call is a relocation. */
extern int printf(const char *fmt, ...);
int counter = 3;

__attribute__((target("arm"), noinline)) int arm_twice(int x)
{
    return 2 * x;
}

__attribute__((target("thumb"), noinline)) int thumb_add(int x)
{
    return arm_twice(x) + 1;
}

__attribute__((target("thumb"), noinline)) void thumb_report(int x)
{
    printf("counter %d\n", x);
}

int (*const module_fns[2])(int) = {arm_twice, thumb_add};

__attribute__((target("arm"))) int module_init(void)
{
    counter = thumb_add(counter);
    if (counter != 7)
        printf("counter %d\n", counter);
    if (counter > 100)
        thumb_report(counter);
    return counter == 7 ? 0 : 1;
}
