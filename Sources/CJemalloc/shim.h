// jemalloc replaces the C library's malloc for the whole sitegen process once it is linked: its
// malloc, free and friends take the place of glibc's (the executable's own libraries come before
// libc in symbol lookup). Nothing of its API is used, so this header declares nothing: importing
// the module is what links it.
