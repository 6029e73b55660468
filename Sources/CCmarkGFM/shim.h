// Public cmark-gfm headers only; Debian also installs private ones, which must not be used.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
