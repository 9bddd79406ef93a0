def checks = evaluate(new File(itSources, '_shared/StackChecks.groovy'))
def result = checks.checkGenerated(basedir, localRepositoryPath, 'generate-compose-only', 'web')

def config = result.config
assert config.contains('image: nginx:1.27')
assert config.contains('replicas: 4') : 'the second compose file overrides the first'
assert config.contains('delay: 1m30s')
assert config.contains('memory: "268435456"')
