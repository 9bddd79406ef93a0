// invoker filters only the project's own pom: give the other checkout's pom the same plugin coordinates
def filtered = new File(basedir, 'pom.xml').text
def plugin = (filtered =~ /<groupId>([^<]+)<\/groupId>\s*<artifactId>(swarm-maven-plugin)<\/artifactId>\s*<version>([^<]+)<\/version>/)[0]
def other = new File(basedir, 'other-checkout/pom.xml')
other.text = other.text
    .replace('@project.groupId@', plugin[1])
    .replace('@project.artifactId@', plugin[2])
    .replace('@project.version@', plugin[3])

// a run that failed before its swarm:rm left its stack and history behind: start from nothing
def stack = 'swarmit-history'
['docker', 'stack', 'rm', stack].execute().waitFor()
def revisions = ['docker', 'config', 'ls', '-q', '--filter', "label=dev.swarmstack.history.stack=${stack}"].execute().text.trim()
if (revisions) {
    (['docker', 'config', 'rm'] + revisions.split('\\s+').toList()).execute().waitFor()
}
true
