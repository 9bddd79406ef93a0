def checks = evaluate(new File(itSources, '_shared/StackChecks.groovy'))
def result = checks.checkGenerated(basedir, localRepositoryPath, 'generate-compose-with-pom-overrides', 'mixed')

def config = result.config
assert config.contains('image: registry.example.com/mixed/api:1.0') : 'the pom overrides the compose image'
assert !config.contains('mixed/api:dev')
assert config.contains('replicas: 5')
assert config.contains('condition: on-failure') : 'compose keys the pom does not set stay'
assert config.contains('MODE: pom')
assert config.contains('KEEP: "yes"')
assert config.contains('image: registry.example.com/mixed/worker:1.0') : 'the pom adds services'
assert config.contains('attachable: true')
