# stage_zoneinfo.cmake — copies the system's TZif files (tzdata) into the staged web folder, without the "posix/" and
# "right/" duplicates and the table files. Run with -DSOURCE=/usr/share/zoneinfo -DDEST=<stage>/zoneinfo.
file(REMOVE_RECURSE ${DEST})
file(COPY ${SOURCE}/ DESTINATION ${DEST}
  PATTERN posix EXCLUDE PATTERN right EXCLUDE PATTERN "*.tab" EXCLUDE PATTERN "*.zi" EXCLUDE
  PATTERN "leap-seconds*" EXCLUDE PATTERN "posixrules" EXCLUDE)
